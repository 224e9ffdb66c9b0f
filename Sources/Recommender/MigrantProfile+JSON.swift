import Foundation
import LabourData

/// Profiles as JSON: one object (pretty-printed or not), a JSON array of objects (what
/// `pandas.DataFrame.to_json(orient="records")` writes), or JSON Lines (one object a line). Every
/// problem is reported at the line and column of the value or key it is about, in words — never a
/// Swift coding path, never "not valid JSON" for a file that is valid JSON.
extension MigrantProfile {
    /// Reads the profiles in a file. Problems are reported as `file:line:column`.
    public static func read(contentsOf url: URL) throws(InputError) -> [MigrantProfile] {
        try read(data: InputFile.contents(of: url), file: url.path)
    }

    public static func read(data: Data, file: String) throws(InputError) -> [MigrantProfile] {
        // What the JSON parser would let through in silence: bytes that are not UTF-8, a key
        // given twice, a trailing comma.
        if let p = JSONStrictness.firstProblem(in: data) {
            throw InputError(Diagnostic(file: file, line: p.line, column: p.column, message: p.message))
        }
        let text = String(decoding: data, as: UTF8.self)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // Whole texts are kept whole, so lines and columns are the file's.
        if trimmed.isEmpty { throw InputError(Diagnostic(file: file, line: 1, column: 1, message: "no profile in the file")) }
        // JSON Lines when the first line is a whole JSON value and more follows.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { (line: $0.offset + 1, text: String($0.element)) }
            .filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
        let isLines = lines.count > 1
            && (try? JSONSerialization.jsonObject(with: Data(lines[0].text.utf8), options: [.fragmentsAllowed])) != nil
        let records = isLines ? lines : [(line: 1, text: text)]
        let isArray = !isLines && trimmed.hasPrefix("[")
        var reading = Reading(file: file)
        for (line, record) in records {
            let decoder = JSONDecoder()
            do {
                if isArray {
                    for (k, p) in try decoder.decode([MigrantProfile].self, from: Data(record.utf8)).enumerated() {
                        reading.accept(p, at: [.index(k)], in: record, line: line)
                    }
                } else {
                    reading.accept(try decoder.decode(MigrantProfile.self, from: Data(record.utf8)), at: [], in: record, line: line)
                }
            } catch {
                reading.problems.append(diagnose(error, in: record, line: line, file: file))
            }
            if reading.problems.count >= 50 { break }
        }
        let problems = reading.problems
        if !problems.isEmpty { throw InputError(diagnostics: problems, truncated: problems.count >= 50) }
        if reading.out.isEmpty { throw InputError(Diagnostic(file: file, line: 1, column: 1, message: "no profile in the file")) }
        return reading.out
    }

    /// The profiles read so far and the problems found.
    struct Reading {
        let file: String
        var out: [MigrantProfile] = []
        var problems: [Diagnostic] = []
        var ids = Set<String>()

        /// Checks a decoded profile standing at `prefix` in `record` (the file's line `line`).
        mutating func accept(_ decoded: MigrantProfile, at prefix: [JSONLocator.Step], in record: String, line: Int) {
            var p = decoded
            p.line = line + (JSONLocator.position(of: prefix, in: record.utf8)?.line ?? 1) - 1
            if let unknown = MigrantProfile.unknownKey(in: record, under: prefix) {
                problems.append(Diagnostic(file: file, line: line + unknown.position.line - 1, column: unknown.position.column,
                                           message: MigrantProfile.unknownKeyMessage(unknown)))
            } else if let problem = p.normalise() {
                problems.append(MigrantProfile.at(prefix + problem.path, in: record, line: line, file: file, problem.message))
            } else if !ids.insert(p.id).inserted {
                problems.append(MigrantProfile.at(prefix + [.key("id")], in: record, line: line, file: file, "profile id '\(p.id)' appears twice"))
            } else {
                out.append(p)
            }
        }
    }

    /// A place inside a record, as a place in the file.
    static func at(_ path: [JSONLocator.Step], in record: String, line: Int, file: String, _ message: String) -> Diagnostic {
        let p = JSONLocator.position(of: path, in: record.utf8) ?? .init(line: 1, column: 1)
        return Diagnostic(file: file, line: line + p.line - 1, column: p.column, message: message)
    }

    /// The keys a profile may have, by where they stand. Anything else is refused: a profile with
    /// `"occupation": "soudeur"` (singular) would otherwise be read as a person with no trade.
    static let allowedKeys: [String: [String]] = [
        "": CodingKeys.allCases.map(\.stringValue),
        "occupations[]": HeldOccupation.CodingKeys.allCases.map(\.stringValue),
        "skills[]": Skill.CodingKeys.allCases.map(\.stringValue),
        "constraints": Constraints.CodingKeys.allCases.map(\.stringValue),
    ]

    /// The first key of the profile at `prefix` the format does not have, if any; its object's
    /// path made relative to the profile.
    static func unknownKey(in record: String, under prefix: [JSONLocator.Step]) -> JSONLocator.Key? {
        for var key in JSONLocator.keys(in: record.utf8) where key.object.starts(with: prefix) {
            key.object.removeFirst(prefix.count)
            guard let allowed = allowedKeys[place(key.object)] else { continue }  // inside a value of its own
            if !allowed.contains(key.name) { return key }
        }
        return nil
    }

    /// `occupations[]` for any occupation object, "" for the profile itself.
    static func place(_ object: [JSONLocator.Step]) -> String {
        object.map { step -> String in
            if case .key(let k) = step { return k } else { return "[]" }
        }.joined()
    }

    static func unknownKeyMessage(_ key: JSONLocator.Key) -> String {
        let place = place(key.object)
        let allowed = allowedKeys[place] ?? []
        let shown = key.name.count > 40 ? "\(key.name.prefix(40))… (\(key.name.count) characters)" : key.name
        let hint = ColumnNames.didYouMean(key.name, among: allowed)
        let inside = place.isEmpty ? "a profile" : place.replacingOccurrences(of: "[]", with: "[…]")
        return "unknown key '\(shown)'\(hint): \(inside) has \(allowed.joined(separator: ", "))"
    }

    /// The coding path of a decoding error, as steps the locator follows.
    static func steps(_ error: Error) -> [JSONLocator.Step] {
        let keys: [CodingKey]
        switch error {
        case DecodingError.keyNotFound(_, let ctx), DecodingError.typeMismatch(_, let ctx),
             DecodingError.valueNotFound(_, let ctx), DecodingError.dataCorrupted(let ctx):
            keys = ctx.codingPath
        default: keys = []
        }
        return keys.map { k in k.intValue.map(JSONLocator.Step.index) ?? .key(k.stringValue) }
    }

    /// A decoding failure in words at its place. Foundation's decoder says "not valid JSON", with
    /// no place, for text that is valid JSON it cannot convert (`"education_isced": 3.5`), for a
    /// number no double holds and for nesting past its limit; those are told apart here.
    static func diagnose(_ error: Error, in record: String, line: Int, file: String) -> Diagnostic {
        let path = steps(error)
        let trimmed = record.drop { $0.isWhitespace }
        if path.isEmpty, case DecodingError.typeMismatch = error {
            return at([], in: record, line: line, file: file, "not a profile: a profile is a JSON object {\"id\": …, \"region\": …}, not \(kind(of: trimmed))")
        }
        if path.count == 1, case .index(let k) = path[0], case DecodingError.typeMismatch = error {
            return at(path, in: record, line: line, file: file, "not a profile: element [\(k)] of the array should be a JSON object {\"id\": …, \"region\": …}")
        }
        if path.isEmpty, case DecodingError.valueNotFound = error {
            return at([], in: record, line: line, file: file, "not a profile: a profile is a JSON object {\"id\": …, \"region\": …}, not null")
        }
        guard path.isEmpty, case DecodingError.dataCorrupted = error else {
            return at(path, in: record, line: line, file: file, "not a profile: \(describe(error))")
        }
        do {
            let object = try JSONSerialization.jsonObject(with: Data(record.utf8), options: [.fragmentsAllowed])
            // Valid JSON: a whole number the decoder could not take.
            let profiles: [(prefix: [JSONLocator.Step], value: Any)] = (object as? [Any]).map { $0.enumerated().map { ([.index($0.offset)], $0.element) } }
                ?? [([], object)]
            for (prefix, value) in profiles {
                guard let fields = value as? [String: Any], let n = fields["education_isced"] else { continue }
                return at(prefix + [.key("education_isced")], in: record, line: line, file: file,
                          "education_isced \(n) is not an ISCED level (a whole number 0–8)")
            }
            return at([], in: record, line: line, file: file, "not a profile: a profile is a JSON object {\"id\": …, \"region\": …}, not \(kind(of: trimmed))")
        } catch {
            let said = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            if said.hasPrefix("Number "), let number = said.split(separator: " ").dropFirst().first,
               let range = record.range(of: number) {
                let p = position(ofCharacter: record.distance(from: record.startIndex, to: range.lowerBound), in: record)
                return Diagnostic(file: file, line: line + p.line - 1, column: p.column,
                                  message: "the number \(number.prefix(40)) is beyond what any field can hold")
            }
            if said.hasPrefix("Too many nested") {
                let offset = said.split(separator: " ").last.flatMap { Int($0.trimmingCharacters(in: .punctuationCharacters)) } ?? 0
                let p = position(ofCharacter: offset, in: record)
                return Diagnostic(file: file, line: line + p.line - 1, column: p.column,
                                  message: "nested deeper than JSON readers allow (512 levels); a profile needs three")
            }
            return at([], in: record, line: line, file: file,
                      "not a profile: not valid JSON (a profile is one JSON object, an array of them, or one object a line)")
        }
    }

    /// What a JSON text holds, by its first character, for "not …".
    static func kind(of text: Substring) -> String {
        switch text.first {
        case "[": return "an array"
        case "\"": return "text"
        case "n": return "null"
        case "t", "f": return "true or false"
        default: return "a number"
        }
    }

    static func position(ofCharacter offset: Int, in text: String) -> JSONLocator.Position {
        var line = 1, column = 1
        for c in text.prefix(offset) {
            if c == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return .init(line: line, column: column)
    }

    /// `skills[0].esco`, not `skills.Index 0.esco`.
    static func path(_ keys: [CodingKey]) -> String {
        keys.reduce("") { acc, k in
            if let i = k.intValue { return acc + "[\(i)]" }
            return acc.isEmpty ? k.stringValue : acc + "." + k.stringValue
        }
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let ctx):
            let at = path(ctx.codingPath)
            return "missing '\(key.stringValue)'" + (at.isEmpty ? "" : " in \(at)")
        case DecodingError.typeMismatch(_, let ctx), DecodingError.valueNotFound(_, let ctx):
            let at = path(ctx.codingPath)
            return "'\(at)' should be \(expected(at))"
        case DecodingError.dataCorrupted(let ctx):
            let at = path(ctx.codingPath)
            if at.hasSuffix("evidence") { return "'\(at)' should be declared, certified or inferred" }
            return at.isEmpty ? "not valid JSON (a profile is one JSON object a line, or one object)" : "'\(at)' is not valid"
        default: return "not valid JSON"
        }
    }

    /// What a field holds, in a counsellor's words.
    static func expected(_ field: String) -> String {
        let last = field.split(separator: ".").last.map(String.init) ?? field
        let name = last.split(separator: "[").first.map(String.init) ?? last
        switch name {
        case "skills": return last.contains("[") ? "a skill: its name as text (\"souder à l'arc\"), an ESCO URI, or {\"label\": …, \"evidence\": \"certified\"}" : "a list of skills"
        case "occupations": return last.contains("[") ? "an occupation: an ISCO code, its name as text, or {\"isco\": \"7212\", \"years\": 6}" : "a list of occupations"
        case "years", "education_isced", "max_training_hours": return "a number"
        case "abroad": return "true or false"
        case "languages", "regions": return "a list of text values"
        case "label", "esco", "isco", "id", "region", "sex", "nationality", "lang": return "text"
        default: return "of another kind"
        }
    }
}
