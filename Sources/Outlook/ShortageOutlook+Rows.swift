import Recommender
import Shortage

extension ShortageOutlook {
    /// The narrow view the recommender needs of a shortage list: score, p_shortage and openings
    /// per region and unit group.
    init(rows: [ShortageRow]) {
        self.init()
        for r in rows {
            entries["\(r.region)/\(r.isco)"] = (r.score, r.pShortage)
            if let o = r.openings { openings["\(r.region)/\(r.isco)"] = o }
        }
    }
}
