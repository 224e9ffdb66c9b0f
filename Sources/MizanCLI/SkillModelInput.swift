import ArgumentParser
import Foundation
import LabourData
import Recommender

/// `--esco`, `--onet`, `--crosswalk`: the ESCO skills every transition rests on and the O*NET
/// work profiles that sharpen it, for the commands that rank transitions.
struct SkillModelOptions: ParsableArguments {
    @Option(help: "Folder of an ESCO CSV download.") var esco: String = "../shared/datasets/esco"
    @Option(help: ArgumentHelp("Folder of the O*NET database (Skills.csv, Knowledge.csv): work profiles blended into the ranking. Default: this path, else an onet/ folder beside the ESCO folder; when neither is there the ranking uses ESCO skills alone, and says so.",
                               valueName: "folder"))
    var onet: String = SkillModelOptions.defaultONET
    @Option(help: ArgumentHelp("ESCO ↔ O*NET crosswalk (columns concept_uri, onet_code), e.g. Nesta's. Default: this path, else nesta/esco_onet_crosswalk_Nov2020.csv beside the ESCO folder.", valueName: "file.csv"))
    var crosswalk: String = SkillModelOptions.defaultCrosswalk
    @Flag(help: "Rank by ESCO skills alone, without O*NET work profiles.") var skillsOnly = false

    static let defaultONET = "../shared/datasets/onet"
    static let defaultCrosswalk = "../shared/datasets/nesta/esco_onet_crosswalk_Nov2020.csv"

    /// The model, or exit 66 (a folder or file that cannot be read) / 65 (bad content).
    /// - Parameter relatedOccupations: also read O*NET's related-occupation lists (only the
    ///   evaluation needs them).
    func load(relatedOccupations: Bool = false) throws -> (model: SkillModel, onet: ONET?) {
        let data: ESCO
        do { data = try ESCO.load(directory: URL(fileURLWithPath: esco)) } catch {
            printDiagnostics(error)
            throw MizanExit.noInput
        }
        var model = SkillModel(esco: data)
        guard !skillsOnly else { return (model, nil) }
        let asked = onet != Self.defaultONET || crosswalk != Self.defaultCrosswalk
        // Not given: the default path, else beside the ESCO folder (the shared datasets' layout:
        // esco/, onet/ and nesta/ side by side), wherever the command runs from.
        let beside = URL(fileURLWithPath: esco).deletingLastPathComponent()
        func located(_ path: String, default standard: String, beside name: String) -> String {
            path != standard || FileManager.default.fileExists(atPath: path) ? path : beside.appendingPathComponent(name).path
        }
        let onetPath = located(onet, default: Self.defaultONET, beside: "onet")
        let crosswalkPath = located(crosswalk, default: Self.defaultCrosswalk, beside: "nesta/esco_onet_crosswalk_Nov2020.csv")
        if !asked && !(FileManager.default.fileExists(atPath: onetPath) && FileManager.default.fileExists(atPath: crosswalkPath)) {
            FileHandleStderr.write("note: no O*NET copy at \(onetPath) (or no crosswalk at \(crosswalkPath)): ranking by ESCO skills alone\n")
            return (model, nil)
        }
        // A folder or file that cannot be read: 66; one read and found wrong: 65.
        let o = try dataStep(onetPath) { try ONET.load(directory: URL(fileURLWithPath: onetPath), relatedOccupations: relatedOccupations) }
        let c = try dataStep(crosswalkPath) { try ESCOONETCrosswalk.read(contentsOf: URL(fileURLWithPath: crosswalkPath), esco: data) }
        model.work = WorkProfiles(esco: data, onet: o, crosswalk: c)
        return (model, o)
    }
}
