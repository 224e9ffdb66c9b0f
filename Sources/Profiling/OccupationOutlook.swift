import Foundation
import LabourData

/// Mizan's own shortage probability for the occupation a person seeks, where they live: the
/// `p_shortage` column of a `mizan shortages` (or outlook `shortages.csv`) list. No profiling
/// tool of the anchors (PEX, VDAB, AMS, WPRS) looks at demand for the occupation sought.
public struct OccupationOutlook: Sendable {
    /// p_shortage by "region/isco"; the national rows are under "TOTAL/isco".
    public let probabilities: [String: Double]
    /// The list's mean p, for occupations it does not cover.
    public let mean: Double
    public let source: String

    public init(probabilities: [String: Double], source: String) {
        self.probabilities = probabilities
        self.source = source
        let ps = probabilities.keys.sorted().map { probabilities[$0]! }
        mean = ps.isEmpty ? 0 : ps.reduce(0, +) / Double(ps.count)
    }

    /// The region's own cell, else the national one, else the unit group's minor/sub-major group
    /// nationally, else the list's mean.
    public func probability(region: String, isco: String) -> Double {
        if let p = probabilities["\(region)/\(isco)"] ?? probabilities["\(Regions.total)/\(isco)"] { return p }
        var code = isco
        while code.count > 1 {
            code.removeLast()
            if let p = probabilities["\(region)/\(code)"] ?? probabilities["\(Regions.total)/\(code)"] { return p }
        }
        return mean
    }

    /// Reads `region,isco,…,p_shortage` (other columns ignored; rows without a p skipped).
    public static func read(_ url: URL) throws(InputError) -> OccupationOutlook {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw InputError(Diagnostic(file: url.path, line: 0, column: 0, message: "cannot read the shortage list (\(error.localizedDescription))"))
        }
        let result = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in parse(raw.bindMemory(to: UInt8.self), url: url) }
        return try result.get()
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, url: URL) -> Result<OccupationOutlook, InputError> {
            var sc = CSVScanner(bytes: bytes, dialect: CSVDialect.detect(bytes))
            var fields: [CSVField] = []
            guard (try? sc.nextRecord(into: &fields)) == true else {
                return .failure(InputError(Diagnostic(file: url.path, line: 1, column: 1, message: "the shortage list is empty")))
            }
            let names = fields.map { (sc.string($0) ?? "").trimmingCharacters(in: .whitespaces).lowercased() }
            guard let r = names.firstIndex(of: "region"), let i = names.firstIndex(of: "isco"), let p = names.firstIndex(of: "p_shortage") else {
                return .failure(InputError(Diagnostic(file: url.path, line: 1, column: 1,
                    message: "a shortage list has region, isco and p_shortage columns (the output of mizan shortages)")))
            }
            var probabilities: [String: Double] = [:]
            while true {
                let more: Bool
                do { more = try sc.nextRecord(into: &fields) } catch {
                    return .failure(InputError(Diagnostic(file: url.path, line: error.line, column: error.column, message: error.message)))
                }
                if !more { break }
                guard fields.count == names.count else {
                    return .failure(InputError(Diagnostic(file: url.path, line: fields[0].line, column: 1,
                                                          message: "\(fields.count) fields where the header has \(names.count)")))
                }
                if sc.isBlank(fields[p]) { continue }
                guard let v = sc.double(fields[p]), v >= 0, v <= 1 else {
                    return .failure(InputError(Diagnostic(file: url.path, line: fields[p].line, column: sc.characterColumn(fields[p]),
                                                          message: "p_shortage must be a probability between 0 and 1")))
                }
                let region = (sc.string(fields[r]) ?? "").trimmingCharacters(in: .whitespaces)
                let isco = (sc.string(fields[i]) ?? "").trimmingCharacters(in: .whitespaces)
                probabilities["\(region)/\(isco)"] = v
            }
            return .success(OccupationOutlook(probabilities: probabilities, source: url.lastPathComponent))
    }
}
