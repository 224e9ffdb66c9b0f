import Foundation
import LabourData

/// Scores every profile against every occupation by the cosine of their skill vectors and keeps
/// the top N — the batch screening a planner runs over all registered people.
///
/// The product P·Oᵀ (profiles × skills × occupations) is computed row by row through an inverted
/// index of the occupation matrix (Gustavson's sparse product): a profile's ~15 skills touch a few
/// hundred occupations, never all 3,039, and memory stays one score row per worker.
public struct BatchMatcher: Sendable {
    public let occupationNames: [String]
    /// Inverted index in compressed rows: skill column c's postings are
    /// `postingOccupation[postingStart[c] ..< postingStart[c + 1]]`, weights / ‖occupation‖.
    let postingStart: [Int]
    let postingOccupation: [Int32]
    let postingWeight: [Float]
    var skills: ByteInternerBox

    final class ByteInternerBox: @unchecked Sendable {
        let interner: ByteInterner
        init(_ i: ByteInterner) { interner = i }
    }

    /// Reads `occupation,skill,weight` (text keys, other columns ignored). Occupations are
    /// numbered in sorted order. A CSV is scanned straight into interned keys (making a row of
    /// Strings per line took longer than matching 100,000 profiles); a workbook goes through
    /// `TextTable`.
    public static func load(occupations url: URL) throws(InputError) -> BatchMatcher {
        var index = Index()
        if WorkbookInput.isWorkbook(url) {
            let t = try TextTable.read(contentsOf: url, required: ["occupation", "skill", "weight"])
            let oi = t.index("occupation"), si = t.index("skill")
            for i in t.rows.indices {
                let w = try t.number(i, "weight")
                guard abs(w) <= largestLevel else {
                    throw InputError(t.problem(i, "weight", "weight '\(t.rows[i][t.index("weight")])' is outside ±1e9"))
                }
                var o = Array(t.rows[i][oi].utf8), s = Array(t.rows[i][si].utf8)
                o.withUnsafeMutableBufferPointer { o in s.withUnsafeMutableBufferPointer { s in
                    index.add(UnsafeBufferPointer(o), 0, o.count, UnsafeBufferPointer(s), 0, s.count, w)
                } }
            }
            return try made(index, file: url.path)
        }
        let data = try InputFile.contents(of: url, mapped: true)
        let file = url.path
        let read = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> InputError? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var scanner = CSVScanner(bytes: bytes, dialect: .detect(bytes))
            var fields: [CSVField] = []
            func fail(_ line: Int, _ column: Int, _ message: String) -> InputError {
                InputError(Diagnostic(file: file, line: line, column: column, message: message))
            }
            do {
                guard try scanner.nextRecord(into: &fields) else { return fail(1, 1, "the file is empty") }
                let header = fields.map { (scanner.string($0) ?? "").lowercased() }
                let missing = ["occupation", "skill", "weight"].filter { !header.contains($0) }
                guard missing.isEmpty else {
                    return fail(1, 1, "header lacks \(missing.joined(separator: ", ")) (found: \(header.joined(separator: ",")))")
                }
                let oi = header.firstIndex(of: "occupation")!, si = header.firstIndex(of: "skill")!, wi = header.firstIndex(of: "weight")!
                while try scanner.nextRecord(into: &fields) {
                    guard fields.count == header.count else {
                        return fail(fields[0].line, fields[min(fields.count, header.count) - 1].column,
                                    "expected \(header.count) fields as in the header, found \(fields.count)")
                    }
                    guard let w = scanner.double(fields[wi]), w.isFinite else {
                        return fail(fields[wi].line, fields[wi].column, "weight '\(scanner.excerpt(fields[wi]))' is not a number")
                    }
                    guard abs(w) <= largestLevel else {
                        return fail(fields[wi].line, fields[wi].column, "weight '\(scanner.excerpt(fields[wi]))' is outside ±1e9")
                    }
                    let (o, s) = (fields[oi], fields[si])
                    if o.quoted || s.quoted {
                        // Quoted keys are read as `TextTable` reads them (untrimmed, `""` unescaped).
                        guard var ot = scanner.string(o), var st = scanner.string(s) else { return fail(o.line, o.column, "not valid UTF-8") }
                        ot.withUTF8 { ob in st.withUTF8 { sb in index.add(ob, 0, ob.count, sb, 0, sb.count, w) } }
                        continue
                    }
                    let (os, oe) = scanner.trimmed(o), (ss, se) = scanner.trimmed(s)
                    index.add(bytes, os, oe, bytes, ss, se, w)
                }
            } catch {
                if let e = error as? CSVSyntaxError { return fail(e.line, e.column, e.message) }
                return fail(0, 0, "\(error)")
            }
            return nil
        }
        if let read { throw read }
        return try made(index, file: file)
    }

    private static func made(_ index: Index, file: String) throws(InputError) -> BatchMatcher {
        guard let matcher = index.matcher() else {
            throw InputError(Diagnostic(file: file, line: 0, column: 0, message: "an occupation name is not valid UTF-8"))
        }
        return matcher
    }

    /// Entries as read: occupations and skills interned as bytes (no String per row).
    struct Index {
        var occupations = ByteInterner(capacity: 1024)
        var skills = ByteInterner(capacity: 1024)
        var entries: [(occupation: Int32, skill: Int32, weight: Double)] = []

        mutating func add(_ o: UnsafeBufferPointer<UInt8>, _ os: Int, _ oe: Int, _ s: UnsafeBufferPointer<UInt8>, _ ss: Int, _ se: Int,
                          _ weight: Double) {
            entries.append((Int32(occupations.intern(o, os, oe)), Int32(skills.intern(s, ss, se)), weight))
        }

        /// The inverted index: occupations numbered in sorted order, each one's weights divided
        /// by its norm and listed under their skill. Nil when an occupation is not UTF-8.
        func matcher() -> BatchMatcher? {
            var text: [String] = []
            for id in 0..<occupations.count {
                guard let t = occupations.validString(id) else { return nil }
                text.append(t)
            }
            let names = text.sorted()
            let rank = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
            let sortedID = text.map { rank[$0]! }
            var norms = [Double](repeating: 0, count: names.count)
            for e in entries { norms[sortedID[Int(e.occupation)]] += e.weight * e.weight }
            var lists = [[(occupation: Int32, weight: Float)]](repeating: [], count: skills.count)
            for e in entries {
                let o = sortedID[Int(e.occupation)]
                if norms[o] > 0 { lists[Int(e.skill)].append((Int32(o), Float(e.weight / norms[o].squareRoot()))) }
            }
            var start = [0], occ: [Int32] = [], wt: [Float] = []
            for l in lists { for e in l { occ.append(e.occupation); wt.append(e.weight) }; start.append(occ.count) }
            return BatchMatcher(occupationNames: names, postingStart: start, postingOccupation: occ, postingWeight: wt,
                                skills: ByteInternerBox(skills))
        }
    }
}
