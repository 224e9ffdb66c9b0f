import Foundation
import LabourData
import Recommender
import Scenarios
import Shortage

/// Every file the configuration names besides the panel, read and checked before any stage runs.
///
/// The outlook used to read them where they were needed: the shortage weights after the forecast,
/// the catalogue and the profiles after the shortage lists, the planted list in the report — so a
/// typo in any of them failed after minutes of work (issue 29). Now the runners read them first,
/// with every problem at its file, line and column, and the stages take the typed values. The
/// panel stays the first stage's (`validate`), which also checks break years against its years.
struct OutlookInputs {
    /// The shortage model's settings (the weights file, else the defaults), with the outlook's seed.
    var shortage: ShortageConfig
    /// ISCO codes the demo data planted as short (`isco,…` CSV), marked in the report.
    var planted: Set<String> = []
    /// The configuration's staffing matrix (nil: the panel's own sector detail, if any).
    var staffing: StaffingMatrix?
    /// ESCO, the catalogue and the profiles, when the configuration names an ESCO folder and a
    /// catalogue (without them there is no skills gap and no recommendation).
    var guidance: Guidance?

    struct Guidance {
        let esco: ESCO
        let catalogue: TrainingCatalogue
        let people: [MigrantProfile]
        /// Names in the profiles that could be several ESCO entries (kept as the likeliest).
        let ambiguous: Int
    }

    /// Reads them all; the first file with problems throws its diagnostics.
    static func load(_ config: OutlookConfig) throws -> OutlookInputs {
        var shortage = ShortageConfig()
        if let w = config.weights { shortage = try ShortageConfig.load(w) }
        shortage.seed = config.seed
        var inputs = OutlookInputs(shortage: shortage)
        if let url = config.planted {
            let t = try TextTable.read(contentsOf: url, required: ["isco"])
            inputs.planted = Set(t.rows.map { $0[t.index("isco")] })
        }
        inputs.staffing = try config.staffing.map { try StaffingMatrix.read(contentsOf: $0) }
        if let escoURL = config.esco, let catURL = config.catalogue, FileManager.default.fileExists(atPath: escoURL.path) {
            let esco = try ESCO.load(directory: escoURL)
            let catalogue = try TrainingCatalogue.read(contentsOf: catURL, esco: esco)
            var ambiguous = 0
            let people = try config.profiles.map { try ProfileLabels.read(contentsOf: $0, esco: esco) { _ in ambiguous += 1 } } ?? []
            inputs.guidance = Guidance(esco: esco, catalogue: catalogue, people: people, ambiguous: ambiguous)
        }
        return inputs
    }
}
