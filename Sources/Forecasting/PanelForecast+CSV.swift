import LabourData

extension PanelForecast {
    /// Output columns (a contract: tools and notebooks read them):
    /// `region,isco,year,measure,model,mean,lo80,hi80,lo95,hi95,…,reconciliation,flags`.
    /// `TOTAL` in region or isco marks a sum over that dimension; shorter ISCO codes are ISCO
    /// aggregates. Rows: series in hierarchy order (totals first), then years.
    public func csv(decimals: Int = 4) -> [UInt8] {
        var w = CSVWriter(decimals: decimals, reserve: seriesCount * years.count * 80)
        var header = ["region", "isco", "year", "measure", "model", "mean"]
        for l in levels {
            let name = l == l.rounded() ? String(Int(l)) : String(l)
            header += ["lo\(name)", "hi\(name)"]
        }
        header += ["reconciliation", "flags"]
        w.row(header)
        let n = seriesCount
        for i in 0..<n {
            let (region, isco) = key(i)
            let flagText = flags[i].description
            for (k, year) in years.enumerated() {
                w.text(region); w.comma(); w.text(isco); w.comma(); w.int(year); w.comma()
                w.text(measure); w.comma(); w.text(modelNames[i]); w.comma()
                w.number(mean[k * n + i])
                for l in 0..<levels.count {
                    w.comma(); w.number(lower[l][k * n + i]); w.comma(); w.number(upper[l][k * n + i])
                }
                w.comma(); w.text(reconciliation.rawValue); w.comma(); w.text(flagText); w.newline()
            }
        }
        return w.bytes
    }

    /// The first non-finite value, if any (a forecast is never written with one).
    public var firstNonFinite: (series: Int, year: Int)? {
        let n = seriesCount
        for k in 0..<years.count {
            for i in 0..<n {
                if !mean[k * n + i].isFinite { return (i, years[k]) }
                for l in 0..<levels.count where !(lower[l][k * n + i].isFinite && upper[l][k * n + i].isFinite) {
                    return (i, years[k])
                }
            }
        }
        return nil
    }
}
