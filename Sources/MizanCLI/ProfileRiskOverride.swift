import ArgumentParser
import Foundation
import LabourData
import Profiling

/// `mizan profile-risk override`: a counsellor's decision against the suggested tier, recorded
/// without personal data (the id is hashed; the reason is one of a fixed list, never free text).
struct ProfileRiskOverride: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "override",
        abstract: "Record a counsellor's override of a suggested tier (no personal data).",
        discussion: """
        Appends one line to the override log: id_sha256,from_tier,to_tier,reason,date. The id is stored hashed, and the reason is a code, so the log holds nothing that identifies a person or describes their situation.
        Reasons: \(OverrideLog.Reason.allCases.map(\.rawValue).joined(separator: ", ")).
          mizan profile-risk override --log overrides.csv --id 923f83de0b93 --from high --to medium --reason job_offer_pending
        """
    )

    @Option(help: "Override log CSV (created if missing).") var log: String
    @Option(help: "The spell's pseudonymous id (stored hashed).") var id: String
    @Option(help: "The tier the score suggested.") var from: String
    @Option(help: "The tier the counsellor chose.") var to: String
    @Option(help: "Reason code.") var reason: String
    @Option(help: "Date of the decision, YYYY-MM-DD (default today).") var date: String?

    func run() throws {
        guard let why = OverrideLog.Reason(rawValue: reason) else {
            throw ValidationError("--reason must be one of \(OverrideLog.Reason.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let entry: OverrideLog.Entry
        do { entry = try OverrideLog.Entry(id: id, from: from, to: to, reason: why, date: date ?? OverrideLog.today()) } catch {
            throw ValidationError("\(error)")
        }
        do { try OverrideLog.append(entry, to: URL(fileURLWithPath: log)) } catch let e as InputError {
            printDiagnostics(e)
            throw MizanExit.dataError
        } catch {
            FileHandleStderr.write("\(log): cannot write (\(error.localizedDescription))\n")
            throw MizanExit.cannotCreate
        }
        print("override recorded in \(log): \(from) → \(to) (\(why.rawValue))")
    }
}
