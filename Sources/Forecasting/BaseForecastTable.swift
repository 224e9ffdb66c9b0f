import Foundation
import LabourData
import LinearAlgebra

/// Base forecasts made elsewhere (`region,isco,year,mean`, one row per series and year,
/// `TOTAL` marking sums), read into the grouped structure they imply, for `mizan reconcile`.
public struct BaseForecastTable: Sendable {
    public let hierarchy: GroupedHierarchy
    public let years: [Int]
    /// n × H, column = year.
    public let mean: [Double]

    public static func read(contentsOf url: URL) throws(InputError) -> BaseForecastTable {
        let rows = try readKeyed(url, valueColumn: "mean")
        let file = url.path
        let regions = Set(rows.map(\.region)).subtracting([Regions.total]).sorted()
        let codes = Set(rows.map(\.isco)).subtracting([Regions.total])
        let leaves = codes.filter { c in !codes.contains { $0 != c && $0.hasPrefix(c) } }.sorted()
        let h = GroupedHierarchy(.flat("region", leaves: regions), .prefix("isco", leaves: leaves))
        let years = Set(rows.map(\.year)).sorted()
        let ga = Dictionary(uniqueKeysWithValues: h.a.nodes.enumerated().map { ($1.code, $0) })
        let gb = Dictionary(uniqueKeysWithValues: h.b.nodes.enumerated().map { ($1.code, $0) })
        let n = h.seriesCount
        var mean = [Double](repeating: .nan, count: n * years.count)
        var problems: [Diagnostic] = []
        for r in rows {
            guard let a = ga[r.region], let b = gb[r.isco] else {
                problems.append(Diagnostic(file: file, line: r.line, column: 1,
                                           message: "\(r.region)/\(r.isco) is not a node of the structure the file implies"))
                continue
            }
            let k = years.firstIndex(of: r.year)! * n + h.series(a, b)
            if mean[k].isFinite {
                problems.append(Diagnostic(file: file, line: r.line, column: 1, message: "duplicate row for \(r.region)/\(r.isco) \(r.year)"))
            }
            mean[k] = r.value
        }
        for (k, v) in mean.enumerated() where !v.isFinite && problems.count < 50 {
            let i = k % n
            let (a, b) = (h.a.nodes[i / h.b.nodes.count].code, h.b.nodes[i % h.b.nodes.count].code)
            problems.append(Diagnostic(file: file, line: 0, column: 0,
                                       message: "no base forecast for \(a)/\(b) in \(years[k / n]): every series of the hierarchy needs one"))
        }
        if !problems.isEmpty { throw InputError(diagnostics: Array(problems.prefix(50)), truncated: problems.count > 50) }
        return BaseForecastTable(hierarchy: h, years: years, mean: mean)
    }

    /// One-step residuals (`region,isco,year,residual`) as a T × n matrix for this structure.
    public func residuals(contentsOf url: URL) throws(InputError) -> Matrix {
        let rows = try Self.readKeyed(url, valueColumn: "residual")
        let years = Set(rows.map(\.year)).sorted()
        let ga = Dictionary(uniqueKeysWithValues: hierarchy.a.nodes.enumerated().map { ($1.code, $0) })
        let gb = Dictionary(uniqueKeysWithValues: hierarchy.b.nodes.enumerated().map { ($1.code, $0) })
        var e = Matrix(rows: years.count, columns: hierarchy.seriesCount, repeating: .nan)
        for r in rows {
            guard let a = ga[r.region], let b = gb[r.isco] else {
                throw InputError(Diagnostic(file: url.path, line: r.line, column: 1, message: "\(r.region)/\(r.isco) is not in the base forecasts"))
            }
            e[years.firstIndex(of: r.year)!, hierarchy.series(a, b)] = r.value
        }
        return e
    }

    struct KeyedRow { var region: String, isco: String, year: Int, value: Double, line: Int }

    static func readKeyed(_ url: URL, valueColumn: String) throws(InputError) -> [KeyedRow] {
        let data = try InputFile.contents(of: url)
        let file = url.path
        let result = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<[KeyedRow], InputError> in
            let bytes = raw.bindMemory(to: UInt8.self)
            var scanner = CSVScanner(bytes: bytes, dialect: .detect(bytes))
            var fields: [CSVField] = []
            var diags: [Diagnostic] = []
            var out: [KeyedRow] = []
            do {
                guard try scanner.nextRecord(into: &fields) else {
                    return .failure(InputError(Diagnostic(file: file, line: 1, column: 1, message: "the file is empty")))
                }
                let header = fields.map { scanner.string($0)?.trimmingCharacters(in: .whitespaces).lowercased() ?? "" }
                let want = ["region", "isco", "year", valueColumn]
                let idx = want.map { header.firstIndex(of: $0) }
                if idx.contains(where: { $0 == nil }) {
                    return .failure(InputError(Diagnostic(file: file, line: 1, column: 1,
                                                          message: "header needs \(want.joined(separator: ",")) (found: \(header.joined(separator: ",")))")))
                }
                let (ri, ci, yi, vi) = (idx[0]!, idx[1]!, idx[2]!, idx[3]!)
                while try scanner.nextRecord(into: &fields) {
                    guard fields.count == header.count else {
                        diags.append(Diagnostic(file: file, line: fields[0].line, column: 1, message: "expected \(header.count) fields, found \(fields.count)"))
                        continue
                    }
                    guard let year = scanner.integer(fields[yi]) else {
                        diags.append(Diagnostic(file: file, line: fields[yi].line, column: fields[yi].column, message: "year '\(scanner.excerpt(fields[yi]))' is not a whole number"))
                        continue
                    }
                    guard let v = scanner.double(fields[vi]) else {
                        diags.append(Diagnostic(file: file, line: fields[vi].line, column: fields[vi].column, message: "\(valueColumn) '\(scanner.excerpt(fields[vi]))' is not a number"))
                        continue
                    }
                    let region = scanner.string(fields[ri]) ?? "", isco = scanner.string(fields[ci]) ?? ""
                    if !(isco == Regions.total || ISCO08.isWellFormed(isco)) {
                        diags.append(Diagnostic(file: file, line: fields[ci].line, column: fields[ci].column, message: "isco '\(isco)' is neither TOTAL nor an ISCO code"))
                        continue
                    }
                    out.append(KeyedRow(region: region, isco: isco, year: year, value: v, line: fields[0].line))
                }
            } catch {
                if let e = error as? CSVSyntaxError { diags.append(Diagnostic(file: file, line: e.line, column: e.column, message: e.message)) }
            }
            if !diags.isEmpty { return .failure(InputError(diagnostics: Array(diags.prefix(50)), truncated: diags.count > 50)) }
            return .success(out)
        }
        return try result.get()
    }
}

extension BaseForecastTable {
    /// Reconciles the table's base forecasts by `method`, with in-sample residuals read from
    /// `residuals` where the method estimates a covariance: the `mizan reconcile` stage.
    /// Returns the reconciled means, `years.count` columns of `hierarchy.seriesCount`.
    public func reconciled(method: ReconciliationMethod, residuals: URL?, centerResiduals: Bool = false,
                           nonnegative: Bool = false) throws -> [Double] {
        let e = try residuals.map { url throws(InputError) in try self.residuals(contentsOf: url) }
        let r = try Reconciler(hierarchy: hierarchy, method: method, residuals: e, centerResiduals: centerResiduals)
        return nonnegative ? try r.reconcileNonnegative(mean, columns: years.count) : try r.reconcile(mean, columns: years.count)
    }
}
