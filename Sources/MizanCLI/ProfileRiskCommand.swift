import ArgumentParser
import Foundation
import LabourData
import MizanSupport
import Profiling

struct ProfileRiskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile-risk",
        abstract: "Score job seekers' risk of long-term unemployment, with reasons and a fairness audit.",
        discussion: """
        Fits a model on the spells registered up to --train-until whose outcome (ltu_12m: still registered 12 months later) is known, and scores every later spell: id,p_ltu,tier,reasons. p_ltu is a probability; the tier cuts it at documented cut-offs (0.5 and 0.75 unless the spec says otherwise). How each column enters — in a fixed form (log months, age bands) or as binned effects — and whether the occupation sought (by ISCO group) is used are chosen on the training cohorts alone, by the deviance on the last training year; `forms = "fixed"` under [model] in the spec keeps the fixed forms. Sex and nationality never enter the score unless --include-protected is given; they are read for the audit in the report. The score suggests, the counsellor decides: record overrides with `mizan profile-risk override`.
          mizan profile-risk --registry Datasets/morocco/registry.csv --train-until 2021 --shortages out/outlook/shortages.csv --out scores.csv --report profiling
        Registry rows are personal data: nothing from them is printed or logged; the report holds counts and rates only.
        """,
        subcommands: [Score.self, ProfileRiskOverride.self],
        defaultSubcommand: Score.self
    )

    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "score", abstract: "Fit on earlier cohorts, score later ones (the default).")

        @Option(help: "Registry CSV: one row per registration spell.") var registry: String
        @Option(help: "Fit on spells registered up to this year; score the later ones.") var trainUntil: Int
        @Option(help: "Scores CSV (id,p_ltu,tier,reasons); .xlsx for a workbook.") var out: String
        @Option(help: "Folder for report.html and report.json.") var report: String?
        @Option(help: "Model spec TOML: model, penalty, tiers, extra columns (Sources/Profiling/README.md).") var spec: String?
        @Option(help: "Shortage list (`mizan shortages` output): the occupation sought enters through its p_shortage.") var shortages: String?
        @Option(help: "logit (default) or hazard; overrides the spec.") var model: String?
        @Flag(help: "Let sex and nationality into the score (reported as such).") var includeProtected = false
        @Option(help: "Language of the reasons: fr or en (ar gives French).") var lang: Language = .french

        func run() throws {
            let language = lang
            var spec = ProfilingSpec()
            if let s = self.spec { spec = try dataStep(s) { try ProfilingSpec.read(URL(fileURLWithPath: s)) } }
            if let m = model {
                guard let k = ProfilingSpec.ModelKind(rawValue: m) else { throw ValidationError("--model must be logit or hazard") }
                spec.model = k
            }
            if includeProtected { spec.includeProtected = true }
            let registry = try dataStep(self.registry) { [spec] in try RegistryReader.read(URL(fileURLWithPath: self.registry), spec: spec) }
            let outlook = try shortages.map { s in try dataStep(s) { try OccupationOutlook.read(URL(fileURLWithPath: s)) } }
            let result = try dataStep(self.registry) {
                try RiskProfiler.run(registry, spec: spec, trainUntil: trainUntil, outlook: outlook, language: language)
            }
            // Everything is computed before anything is written; each file lands whole or not at all.
            var w = CSVWriter(decimals: 4)
            w.row(["id", "p_ltu", "tier", "reasons"])
            for s in result.scored {
                w.text(s.id); w.comma(); w.number(s.pLTU); w.comma(); w.text(s.tier); w.comma(); w.text(s.reasons); w.newline()
            }
            let reportFiles: [(String, Data)]
            if let dir = report {
                let r = ProfilingReport(result)
                reportFiles = [("report.json", try r.json()), ("report.html", Data(r.html().utf8))]
                do { try OutputFolder.make(URL(fileURLWithPath: dir)) } catch {
                    FileHandleStderr.write("\(dir): cannot create the report folder (\(error.localizedDescription))\n")
                    throw MizanExit.cannotCreate
                }
            } else { reportFiles = [] }
            try writeOutput(w.bytes, to: out)
            for (name, data) in reportFiles {
                let path = URL(fileURLWithPath: report!).appendingPathComponent(name).path
                try writeOutput(Array(data), to: path)
            }
            summarise(result)
        }

        /// Counts and scores only: no row of the registry reaches the terminal.
        func summarise(_ r: RiskProfiler.Result) {
            print("\(r.spec.model.rawValue) model fitted on \(r.trainingSpells) spells up to \(r.trainUntil) (base rate \(String(format: "%.3f", r.trainingBaseRate))); \(r.scored.count) later spells scored → \(out)")
            print("forms chosen on the training cohorts: \(r.forms.summary)")
            if r.outlookSource == nil { print("shortage outlook of the occupation sought: not used (give --shortages with a `mizan shortages` list to add it)") }
            if !r.spec.includeProtected { print("sex and nationality: excluded from the score, used for the audit") } else { print("sex and nationality: INCLUDED in the score (--include-protected)") }
            if r.evaluation.isEmpty { print("no later spell has a known outcome yet: nothing to evaluate"); return }
            print("on \(r.evaluatedSpells) later spells with known outcome:")
            print("  score                               AUC    PR-AUC  Brier   slope  lift@10%")
            for s in r.evaluation {
                print("  " + s.name.padding(toLength: 34, withPad: " ", startingAt: 0)
                      + String(format: "  %.3f  %.3f   %.4f  %5.2f  %.2f", s.auc, s.prAUC, s.brier, s.calibrationSlope.isFinite ? s.calibrationSlope : .nan, s.topDecileLift))
            }
            for f in r.audit?.findings ?? [] { print("audit: \(f)") }
        }
    }
}
