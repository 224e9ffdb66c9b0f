import LabourData
import Recommender
import Shortage

extension ShortageOutlook {
    /// The recommender's view of a stage's list: its rows as published (titles and reasons in
    /// `language`).
    init(rows: [ShortageRow], language: Language, targetYear: Int) {
        self.init(rows: rows.map { $0.published(language, targetYear: targetYear) })
    }
}
