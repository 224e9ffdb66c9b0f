extension Matrix: CustomStringConvertible {
    public var description: String {
        var lines: [String] = ["\(rows)×\(columns) matrix"]
        for i in 0..<Swift.min(rows, 8) {
            let cells = (0..<Swift.min(columns, 8)).map { j -> String in
                let v = self[i, j]
                return v.magnitude >= 1e5 || (v != 0 && v.magnitude < 1e-3)
                    ? "\(v)" : String(Double(Int((v * 1e4).rounded())) / 1e4)
            }
            lines.append("  " + cells.joined(separator: "  ") + (columns > 8 ? "  …" : ""))
        }
        if rows > 8 { lines.append("  …") }
        return lines.joined(separator: "\n")
    }
}
