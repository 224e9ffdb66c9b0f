import Foundation
import LabourData
import MizanSupport

/// Counsellors' overrides of suggested tiers: the tool suggests, the counsellor decides, and the
/// service learns how often and why its score was overruled. The log holds no personal data: the
/// spell id is stored as a SHA-256 hash, the reason as a code from a fixed list (free text would
/// invite health or family details that have no place in a log).
public enum OverrideLog {
    public enum Reason: String, Sendable, CaseIterable {
        case counsellorAssessment = "counsellor_assessment"
        case jobOfferPending = "job_offer_pending"
        case trainingUnderway = "training_underway"
        case informationMissing = "information_missing"
        case informationWrong = "information_wrong"
        case other
    }

    public static let header = "id_sha256,from_tier,to_tier,reason,date"
    static let tiers: Set<String> = ["low", "medium", "high"]

    public struct Entry: Sendable, Equatable {
        public let idHash: String
        public let from: String, to: String
        public let reason: Reason
        public let date: String

        public init(id: String, from: String, to: String, reason: Reason, date: String) throws {
            guard !id.isEmpty else { throw ProfilingError.badRequest("--id is empty") }
            let isTier = { (t: String) in OverrideLog.tiers.contains(t) || (t.hasPrefix("tier ") && Int(t.dropFirst(5)) != nil) }
            guard isTier(from), isTier(to) else { throw ProfilingError.badRequest("tiers are low, medium, high (or 'tier N')") }
            guard from != to else { throw ProfilingError.badRequest("--from and --to are the same tier: nothing overridden") }
            let parts = date.split(separator: "-")
            guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
                  (1900...2200).contains(y), (1...12).contains(m), (1...31).contains(d) else {
                throw ProfilingError.badRequest("--date is YYYY-MM-DD")
            }
            idHash = SHA256.hex(Array(id.utf8))
            self.from = from; self.to = to; self.reason = reason; self.date = date
        }

        var line: String { "\(idHash),\(from),\(to),\(reason.rawValue),\(date)\n" }
    }

    /// Appends one entry, creating the log with its header; a log with another header is refused.
    public static func append(_ e: Entry, to url: URL) throws {
        var text = ""
        if let existing = try? String(contentsOf: url, encoding: .utf8) {
            guard existing.hasPrefix(header) else {
                throw InputError(Diagnostic(file: url.path, line: 1, column: 1, message: "not an override log (its header is not \(header))"))
            }
            text = existing.hasSuffix("\n") ? existing : existing + "\n"
        } else {
            text = header + "\n"
        }
        try AtomicFile.write(text + e.line, to: url)
    }

    public static func today() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date())
    }
}
