import ArgumentParser
import Foundation
import LabourData
import Recommender

struct EvaluateTransitionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate-transitions",
        abstract: "Recall of O*NET's expert related occupations by the transitions list, on a fixed half of the origins.",
        discussion: """
        The list judged is the one `mizan transitions` prints by default (ranking, one skill level, near duplicates collapsed, top 10 and 20 lines), every printed line counted: a destination the crosswalk cannot map to O*NET is a miss, because the user still reads it. --lines judged ranks over the destinations O*NET can judge only (the figure earlier rounds reported). Origins are split by the FNV-1a hash of their ESCO URI: even → tuning half, odd → reporting half. Choose weights on the tuning half only; report the reporting half. Baselines on the same origins and candidates: occupations drawn at random from the origin's ISCO minor group, and plain cosine of ESCO skill sets.

          mizan evaluate-transitions --half tuning --work-weight 0.45 --imputed-share 0.25 --group-bonus 0.1
          mizan evaluate-transitions --half reporting
        """
    )

    @OptionGroup var skillData: SkillModelOptions
    @Option(help: "tuning or reporting.") var half: String = "reporting"
    @Option(help: "Share of the score given to O*NET work profiles (default: the tuned value).") var workWeight: Double = SkillModel.defaultWorkWeight

    @Option(help: "Score added for a destination in the origin's ISCO minor group (default: the tuned value).") var groupBonus: Double = SkillModel.defaultSameGroupBonus

    @Option(help: "Share of the work-profile similarity kept for a destination whose profile is imputed from its ISCO group (default: the tuned value).")
    var imputedShare: Double = SkillModel.defaultImputedWorkShare

    @Option(help: "printed (every line the user reads; the default) or judged (ranked over the destinations O*NET can judge only).")
    var lines: String = "printed"

    func run() throws {
        guard let which = TransitionEvaluation.Half(rawValue: half) else { throw ValidationError("--half must be tuning or reporting") }
        guard (0...1).contains(workWeight) else { throw ValidationError("--work-weight must be between 0 and 1") }
        guard (0...1).contains(imputedShare) else { throw ValidationError("--imputed-share must be between 0 and 1") }
        guard let counted = TransitionEvaluation.Lines(rawValue: lines) else { throw ValidationError("--lines must be printed or judged") }
        var (model, onet) = try skillData.load(relatedOccupations: true)
        model.workWeight = workWeight
        model.sameGroupBonus = groupBonus
        model.imputedWorkShare = imputedShare
        guard let onet, let evaluation = TransitionEvaluation(model: model, onet: onet) else {
            FileHandleStderr.write("the evaluation needs O*NET (--onet, with Related_Occupations.csv) and the crosswalk (--crosswalk)\n")
            throw MizanExit.noInput
        }
        let result = evaluation.recall(which, lines: counted)
        print("\(which.rawValue) half: \(evaluation.origins(which).count) origins, \(counted.rawValue) lines, work weight \(workWeight), imputed share \(imputedShare), group bonus \(groupBonus)")
        for method in TransitionEvaluation.Method.allCases {
            let r = result[method]!
            print(String(format: "  recall@10 %.3f  recall@20 %.3f  ", r[10]!, r[20]!) + method.rawValue)
        }
    }
}
