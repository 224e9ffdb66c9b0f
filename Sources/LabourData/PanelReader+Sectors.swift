import Foundation

/// Employment by year × region × sector × occupation, as a panel with a `sector` key gives it.
public struct SectorEmployment: Sendable, Equatable {
    public let year: Int, region: String, sector: String, isco: String, employment: Double
}

/// A panel may carry a `sector` key (ISIC Rev.4 sections, or the broad sectors official sources
/// publish: agriculture, industry, construction, services — whichever the file uses, named as
/// the file names them). Occupation series are then sums over sectors: additive measures are
/// summed, `median_wage` is the employment-weighted mean, `in_shortage` the largest label. The
/// sector detail of employment is kept (`Panel.sectorEmployment`) for the staffing matrix.
///
/// Problems are found on the file as written (`file:line:column`); a problem the panel reader
/// finds after the sum is put back on the first row of its group, at the same column.
enum SectorPanel {
    static let names: Set<String> = ["sector", "secteur", "isic", "section", "secteur_activite", "activite"]

    /// Whether the first line of `data` names a sector column.
    static func hasSectorColumn(_ data: Data) -> Bool {
        let head = data.prefix(4096)
        guard let end = head.firstIndex(of: 10) ?? (head.isEmpty ? nil : head.endIndex),
              let line = String(data: head[head.startIndex..<end], encoding: .utf8) else { return false }
        return line.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\t" })
            .contains { names.contains(ColumnNames.fold($0.trimmingCharacters(in: CharacterSet(charactersIn: " \"\r\u{FEFF}")))) }
    }

    /// The panel summed over sectors, and the sector detail of employment.
    static func read(data: Data, fileName: String, options: PanelReadOptions) throws(InputError) -> Panel {
        let t = try TextTable.read(data: data, file: fileName, required: [], lowercaseHeader: false)
        let folded = t.columns.map { ColumnNames.fold($0) }
        guard let sc = folded.firstIndex(where: names.contains) else { return try PanelReader.read(data: data, fileName: fileName, options: options) }
        let canonical = t.columns.map { ColumnNames.canonical($0, extra: options.columnNames) }
        var problems: [Diagnostic] = []
        guard let yc = canonical.firstIndex(of: "year"), let rc = canonical.firstIndex(of: "region"), let ic = canonical.firstIndex(of: "isco") else {
            throw InputError(Diagnostic(file: fileName, line: 1, column: 1, message: "a panel with a sector column still needs year, region and isco columns"))
        }
        let ec = canonical.firstIndex(of: "employment")
        let wage = canonical.firstIndex(of: "median_wage"), label = canonical.firstIndex(of: PanelSchema.shortageLabel)
        /// Column (1-based, in characters) of field k of a row, the row re-joined as written.
        func column(_ row: [String], _ k: Int) -> Int { row[..<k].reduce(1) { $0 + $1.count + 1 } }
        struct Group { var firstLine: Int; var firstRow: [String]; var sums: [Double?]; var wageWeight: Double }
        var groups: [String: Group] = [:], order: [String] = []
        var detail: [SectorEmployment] = []
        var seen = Set<String>()
        for (n, row) in t.rows.enumerated() {
            let line = t.lines[n]
            let sector = row[sc]
            if sector.isEmpty { problems.append(Diagnostic(file: fileName, line: line, column: column(row, sc), message: "sector is empty")); continue }
            let key = "\(row[yc])\u{1F}\(row[rc])\u{1F}\(row[ic])"
            guard seen.insert(key + "\u{1F}" + sector).inserted else {
                problems.append(Diagnostic(file: fileName, line: line, column: 1, message: "duplicate row for year \(row[yc]), region \(row[rc]), sector \(sector), isco \(row[ic])"))
                continue
            }
            var values = [Double?](repeating: nil, count: row.count)
            var bad = false
            for k in row.indices where ![yc, rc, ic, sc].contains(k) && !row[k].isEmpty {
                guard let v = DecimalParser.parse(row[k], decimalComma: t.decimalComma), v.isFinite else {
                    problems.append(Diagnostic(file: fileName, line: line, column: column(row, k), message: "\(t.columns[k]) '\(row[k])' is not a number"))
                    bad = true; continue
                }
                values[k] = v
            }
            if bad { continue }
            let e = ec.flatMap { values[$0] }
            if let e, let year = Int(row[yc]) {
                // Codes as the panel will hold them: a region name resolved, an ISCO cell's title dropped.
                var region = row[rc]
                if case .code(let code) = RegionNames.resolve(region) { region = code }
                let isco = String(row[ic].prefix(while: \.isNumber))
                detail.append(SectorEmployment(year: year, region: region, sector: sector, isco: isco.isEmpty ? row[ic] : isco, employment: e))
            }
            var g = groups[key] ?? { order.append(key); return Group(firstLine: line, firstRow: row, sums: [Double?](repeating: nil, count: row.count), wageWeight: 0) }()
            for k in values.indices { guard let v = values[k] else { continue }
                if k == wage {
                    // Employment-weighted mean of the sectors' wages.
                    let w = e ?? 1
                    g.sums[k] = (g.sums[k] ?? 0) + v * w
                    g.wageWeight += w
                } else if k == label {
                    g.sums[k] = max(g.sums[k] ?? v, v)
                } else {
                    g.sums[k] = (g.sums[k] ?? 0) + v
                }
            }
            groups[key] = g
        }
        if !problems.isEmpty { throw InputError(diagnostics: Array(problems.prefix(50)), truncated: problems.count > 50) }
        // The summed panel as CSV, without the sector column; each line remembers its first row.
        let kept = t.columns.indices.filter { $0 != sc }
        var text = kept.map { "\"" + t.columns[$0].replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\n"
        var origin: [(line: Int, row: [String])] = [(1, t.columns)]
        for key in order {
            let g = groups[key]!
            let fields = kept.map { k -> String in
                if [yc, rc, ic].contains(k) { return "\"" + g.firstRow[k].replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
                guard var v = g.sums[k] else { return "" }
                if k == wage { v = g.wageWeight > 0 ? v / g.wageWeight : v }
                return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
            }
            text += fields.joined(separator: ",") + "\n"
            origin.append((g.firstLine, g.firstRow))
        }
        do {
            var panel = try PanelReader.read(data: Data(text.utf8), fileName: fileName, options: options)
            panel.sectorEmployment = detail
            return panel
        } catch {
            // Back to the file as written: the first row of the group, the same field.
            throw InputError(diagnostics: error.diagnostics.map { d in
                let o = d.line - 1 < origin.count && d.line >= 1 ? origin[d.line - 1] : (line: d.line, row: t.columns)
                var field = 0, start = 1
                let summed = text.split(separator: "\n", omittingEmptySubsequences: false)[max(0, min(d.line - 1, origin.count - 1))]
                for (k, f) in summed.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
                    if d.column < start + f.count + 1 { field = k; break }
                    start += f.count + 1; field = k + 1
                }
                let original = field < kept.count ? kept[field] : 0
                return Diagnostic(file: d.file, line: o.line, column: column(o.row, original), message: d.message, cell: d.cell)
            }, truncated: error.truncated)
        }
    }
}
