import Foundation
import LabourData

/// Mizan's own shortage probability for the occupation a person seeks, where they live: the
/// `p_shortage` column of a `mizan shortages` (or outlook `shortages.csv`) list. No profiling
/// tool of the anchors (PEX, VDAB, AMS, WPRS) looks at demand for the occupation sought.
public struct OccupationOutlook: Sendable {
    /// p_shortage by "region/isco"; the national rows are under "TOTAL/isco".
    public let probabilities: [String: Double]
    /// Vacancies per job seeker (`tension_ratio`) by the same keys, where the list has it: the
    /// present tightness beside the forward-looking probability.
    public let tension: [String: Double]
    /// The list's mean p and mean tension, for occupations it does not cover.
    public let mean: Double
    public let meanTension: Double
    public let source: String

    public init(probabilities: [String: Double], tension: [String: Double] = [:], source: String) {
        self.probabilities = probabilities
        self.tension = tension
        self.source = source
        let ps = probabilities.keys.sorted().map { probabilities[$0]! }
        mean = ps.isEmpty ? 0 : ps.reduce(0, +) / Double(ps.count)
        let ts = tension.keys.sorted().map { tension[$0]! }
        meanTension = ts.isEmpty ? 0 : ts.reduce(0, +) / Double(ts.count)
    }

    public var hasTension: Bool { !tension.isEmpty }

    /// The region's own cell, else the national one, else the unit group's minor/sub-major group
    /// nationally, else the list's mean.
    public func probability(region: String, isco: String) -> Double {
        Self.lookup(probabilities, region: region, isco: isco) ?? mean
    }

    public func tension(region: String, isco: String) -> Double {
        Self.lookup(tension, region: region, isco: isco) ?? meanTension
    }

    static func lookup(_ table: [String: Double], region: String, isco: String) -> Double? {
        if let p = table["\(region)/\(isco)"] ?? table["\(Regions.total)/\(isco)"] { return p }
        var code = isco
        while code.count > 1 {
            code.removeLast()
            if let p = table["\(region)/\(code)"] ?? table["\(Regions.total)/\(code)"] { return p }
        }
        return nil
    }

    /// Reads `region,isco,…,p_shortage[,tension_ratio]` (other columns ignored; rows without a p skipped).
    public static func read(_ url: URL) throws(InputError) -> OccupationOutlook {
        let data = try InputFile.contents(of: url)
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
            let t = names.firstIndex(of: "tension_ratio")
            var probabilities: [String: Double] = [:], tension: [String: Double] = [:]
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
                let region = (sc.string(fields[r]) ?? "").trimmingCharacters(in: .whitespaces)
                let isco = (sc.string(fields[i]) ?? "").trimmingCharacters(in: .whitespaces)
                if let t, !sc.isBlank(fields[t]) {
                    guard let v = sc.double(fields[t]), v >= 0, v.isFinite else {
                        return .failure(InputError(Diagnostic(file: url.path, line: fields[t].line, column: sc.characterColumn(fields[t]),
                                                              message: "tension_ratio must be a number ≥ 0")))
                    }
                    tension["\(region)/\(isco)"] = v
                }
                if sc.isBlank(fields[p]) { continue }
                guard let v = sc.double(fields[p]), v >= 0, v <= 1 else {
                    return .failure(InputError(Diagnostic(file: url.path, line: fields[p].line, column: sc.characterColumn(fields[p]),
                                                          message: "p_shortage must be a probability between 0 and 1")))
                }
                probabilities["\(region)/\(isco)"] = v
            }
            return .success(OccupationOutlook(probabilities: probabilities, tension: tension, source: url.lastPathComponent))
    }
}
