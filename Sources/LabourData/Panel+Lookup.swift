extension Panel {
    /// The last observed value of `measure` for a region and an ISCO code — the code itself, else
    /// its closest enclosing group the panel has (a 2-digit panel answers for a unit group).
    public func latest(_ measure: String, region: String, isco: String) -> (year: Int, value: Double, isco: String)? {
        guard let m = measures.firstIndex(of: measure), let r = regions.firstIndex(of: region) else { return nil }
        var code = isco
        while !code.isEmpty {
            if let o = occupations.firstIndex(of: code) {
                var best: (year: Int, value: Double, isco: String)?
                for row in 0..<rowCount where Int(regionIndex[row]) == r && Int(occupationIndex[row]) == o && values[m][row].isFinite {
                    if best == nil || Int(years[row]) > best!.year { best = (Int(years[row]), values[m][row], code) }
                }
                if let best { return best }
            }
            code.removeLast()
        }
        return nil
    }
}
