import LabourData
import OutlookBundle

extension ShortageRow {
    /// The row as it is published in a bundle's list: titles and reasons in `language` (and the
    /// reasons in every language, for the workspace's three), the basis in words, the indicator
    /// detail (z, raw values, drivers) left in the stage.
    public func published(_ language: Language, targetYear: Int) -> PublishedShortage {
        func finite(_ v: Double?) -> Double? { v.flatMap { $0.isFinite ? $0 : nil } }
        let byLanguage = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, reasons($0, targetYear: targetYear).joined(separator: "; ")) })
        return PublishedShortage(
            region: region, isco: isco, title: ISCO08.standard.title(isco, language) ?? "", score: finite(score), rank: rank,
            rankLow: rankLow, rankHigh: rankHigh, rankNational: rankNational, pShortage: finite(pShortage), basis: basis.description,
            pForward: finite(pForward), tensionRatio: finite(tensionRatio), registryCoverage: finite(coverage), employment: finite(employment),
            openings: finite(openings), replacement: finite(replacement), newSupply: finite(newSupply), imbalance: finite(imbalance),
            imbalanceLow: finite(imbalanceLow), imbalanceHigh: finite(imbalanceHigh), supplyObserved: supplyObserved,
            reasons: byLanguage[language]!, reasonsByLanguage: byLanguage)
    }
}

extension ShortageListFile {
    /// A stage's list written as the bundle's list file (`shortages.csv`): the one writer.
    public static func csv(_ rows: [ShortageRow], language: Language, targetYear: Int) -> [UInt8] {
        csv(rows.map { $0.published(language, targetYear: targetYear) })
    }
}
