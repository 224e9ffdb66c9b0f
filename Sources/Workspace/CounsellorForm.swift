import Foundation
import LabourData
import Recommender

/// The counsellor form as posted (application/x-www-form-urlencoded), checked field by field.
/// What the counsellor typed is personal data: it lives for the request only.
public struct CounsellorForm: Sendable, Equatable {
    public var occupation = ""
    public var years: Double?
    public var abroad = false
    public var skills: [String] = []
    public var education: Int?
    public var languages: [String] = []
    public var region = ""
    public var willing: [String] = []
    /// Years and education as typed, to show again when they are refused.
    public var typed: [String: String] = [:]

    public static let maximumBytes = 16 * 1024

    /// Decodes the body; bad percent-encoding or bytes that are not UTF-8 are a 400.
    public static func decode(_ body: [UInt8]) throws(WorkspaceError) -> [(String, String)] {
        var out: [(String, String)] = []
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let kv = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let k = try percentDecode(Array(kv[0])), v = try percentDecode(kv.count > 1 ? Array(kv[1]) : [])
            out.append((k, v))
        }
        return out
    }

    static func percentDecode(_ bytes: [UInt8]) throws(WorkspaceError) -> String {
        var raw: [UInt8] = []
        raw.reserveCapacity(bytes.count)
        var i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 48...57: return b - 48
            case 65...70: return b - 55
            case 97...102: return b - 87
            default: return nil
            }
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "+") { raw.append(32); i += 1 } else if b == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) else {
                    throw WorkspaceError(.badRequest, .badEncoding)
                }
                raw.append(h << 4 | l); i += 3
            } else { raw.append(b); i += 1 }
        }
        guard let s = String(validating: raw, as: UTF8.self) else { throw WorkspaceError(.badRequest, .badEncoding) }
        return s
    }

    /// - Parameter regions: the codes the bundle has.
    /// The form, each field checked. A problem with what was typed is refused with the field it
    /// is in and a message in `lang`; a request no form sends (a field twice, an unknown field) is
    /// refused as such.
    public static func parse(_ items: [(String, String)], regions: Set<String>, lang: WorkspaceLanguage = .fr) throws(WorkspaceError) -> CounsellorForm {
        var f = CounsellorForm()
        let t = lang.text
        func region(_ v: String, _ field: String) throws(WorkspaceError) -> String {
            guard case .code(let c) = RegionNames.resolve(v), regions.contains(c) else {
                throw WorkspaceError(.badRegion, field: field, says: "\(t(.badRegion))\(lang.colon)\(lang.quoted(shortened(v)))", detail: v)
            }
            return c
        }
        var seen = Set<String>()
        for (k, raw) in items {
            let v = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            // One value per field, except the regions one is willing to move to: a field given
            // twice (occupation=soudeur&occupation=cuisinier) is refused, not silently narrowed to one.
            if k != "willing" && !seen.insert(k).inserted { throw WorkspaceError(.badRequest, .badParameter, detail: "\(k) (given twice)") }
            switch k {
            case "occupation": f.occupation = v
            case "years":
                if v.isEmpty { continue }
                guard let y = Double(v.replacingOccurrences(of: ",", with: ".")), y >= 0, y <= 50 else {
                    throw WorkspaceError(.badParameter, field: "years", says: t(.yearsInvalid), detail: "years=\(v)")
                }
                f.years = y
            case "abroad": f.abroad = v == "on" || v == "1" || v == "yes"
            case "skills":
                f.skills = v.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                if f.skills.count > 60 { throw WorkspaceError(.contentTooLarge, .tooLarge) }
            case "education":
                if v.isEmpty { continue }
                guard let e = Int(v), (0...8).contains(e) else {
                    throw WorkspaceError(.badParameter, field: "education", says: t(.educationInvalid), detail: "education=\(v)")
                }
                f.education = e
            case "languages":
                f.languages = v.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).map { String($0).lowercased() }
            case "region": f.region = try region(v, "region")
            case "willing":
                if !v.isEmpty { f.willing.append(try region(v, "willing")) }
            case "skill-search": continue  // the type-ahead box, empty when the form is posted
            default: throw WorkspaceError(.badRequest, .badParameter, detail: k)
            }
        }
        guard !f.region.isEmpty else { throw WorkspaceError(.badForm, field: "region", says: t(.regionRequired), detail: "region") }
        guard !f.occupation.isEmpty || !f.skills.isEmpty else {
            throw WorkspaceError(.badForm, field: "occupation", says: t(.occupationOrSkills), detail: "occupation / skills")
        }
        if f.occupation.allSatisfy(\.isNumber) && !f.occupation.isEmpty && !(1...4).contains(f.occupation.count) {
            throw WorkspaceError(.badIsco, field: "occupation", says: t(.badIsco), detail: f.occupation)
        }
        return f
    }

    /// What was typed, as far as it goes into the form's fields: shown again when the form is
    /// refused, so nothing typed is lost. Never checked, never used for an answer.
    public static func refill(_ items: [(String, String)], regions: Set<String>) -> CounsellorForm {
        var f = CounsellorForm()
        for (k, raw) in items {
            let v = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            switch k {
            case "occupation": f.occupation = v
            case "years", "education": f.typed[k] = v
            case "abroad": f.abroad = v == "on" || v == "1" || v == "yes"
            case "skills": f.skills = v.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            case "languages": f.languages = v.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).map { String($0).lowercased() }
            case "region": if regions.contains(v) { f.region = v }
            case "willing": if regions.contains(v) { f.willing.append(v) }
            default: continue
            }
        }
        return f
    }

    /// A typed value in a message: its start and length when long.
    static func shortened(_ v: String) -> String {
        v.count > 60 ? "\(v.prefix(60))… (\(v.count))" : v
    }

    /// The profile the recommender takes. The id is a fixed placeholder: nothing from the form
    /// identifies anyone, and nothing is kept.
    public var profile: MigrantProfile {
        var held: [MigrantProfile.HeldOccupation] = []
        if !occupation.isEmpty {
            held.append(occupation.allSatisfy(\.isNumber)
                ? .init(isco: occupation, years: years, abroad: abroad)
                : .init(esco: occupation, years: years, abroad: abroad))
        }
        return MigrantProfile(id: "counsellor-form", region: region, occupations: held.isEmpty ? nil : held,
                              skills: skills.isEmpty ? nil : skills.map { .init(esco: $0, evidence: .declared) },
                              educationIsced: education, languages: languages.isEmpty ? nil : languages,
                              constraints: willing.isEmpty ? nil : .init(regions: willing))
    }
}
