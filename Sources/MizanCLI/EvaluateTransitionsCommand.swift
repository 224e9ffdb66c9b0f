import ArgumentParser
import Foundation
import LabourData
import Recommender

struct EvaluateTransitionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate-transitions",
        abstract: "Recall of O*NET's expert related occupations by the transitions list, on a fixed half of the origins.",
        discussion: """
        The list judged is the one `mizan transitions` prints by default (ranking, one skill level, near duplicates collapsed, top 10 and 20 lines), over the destinations O*NET can judge (those the crosswalk maps). Origins are split by the FNV-1a hash of their ESCO URI: even → tuning half, odd → reporting half. Choose weights on the tuning half only; report the reporting half. Baselines on the same origins and candidates: occupations drawn at random from the origin's ISCO minor group, and plain cosine of ESCO skill sets.
          mizan evaluate-transitions --half tuning --work-weight 0.3 --group-bonus 0.1
          mizan evaluate-transitions --half reporting
        """
    )

    @OptionGroup var skillData: SkillModelOptions
    @Option(help: "tuning or reporting.") var half: String = "reporting"
    @Option(help: "Share of the score given to O*NET work profiles (default: the tuned value).") var workWeight: Double = SkillModel.defaultWorkWeight

    @Option(help: "Score added for a destination in the origin's ISCO minor group (default: the tuned value).") var groupBonus: Double = SkillModel.defaultSameGroupBonus

    func run() throws {
        guard let which = TransitionEvaluation.Half(rawValue: half) else { throw ValidationError("--half must be tuning or reporting") }
        guard (0...1).contains(workWeight) else { throw ValidationError("--work-weight must be between 0 and 1") }
        var (model, onet) = try skillData.load(relatedOccupations: true)
        model.workWeight = workWeight
        model.sameGroupBonus = groupBonus
        guard let onet, let evaluation = TransitionEvaluation(model: model, onet: onet) else {
            FileHandleStderr.write("the evaluation needs O*NET (--onet, with Related_Occupations.csv) and the crosswalk (--crosswalk)\n")
            throw MizanExit.noInput
        }
        let result = evaluation.recall(which)
        print("\(which.rawValue) half: \(evaluation.origins(which).count) origins, work weight \(workWeight), group bonus \(groupBonus)")
        for method in TransitionEvaluation.Method.allCases {
            let r = result[method]!
            print(String(format: "  recall@10 %.3f  recall@20 %.3f  ", r[10]!, r[20]!) + method.rawValue)
        }
    }
}
