/// The columns a panel file may have.
///
/// Keys: `year`, `region`, `isco`. Measures: any of `employment, jobseekers, vacancies,
/// median_wage, graduates, school_leavers, returnees, immigrants`, each optionally split by sex
/// with the suffix `_female` / `_male` (`school_leavers`: young people entering the labour force
/// from school each year beyond the graduates counted); employment by age band `employment_15_24`, `employment_25_54`,
/// `employment_55_64`, `employment_65_plus`; young job seekers `jobseekers_15_24` (the rest are
/// 25 and over). `in_shortage` (0/1) labels past shortage lists.
public enum PanelSchema {
    public static let keyColumns = ["year", "region", "isco"]
    public static let baseMeasures = ["employment", "jobseekers", "vacancies", "median_wage",
                                      "graduates", "school_leavers", "returnees", "immigrants"]
    public static let ageBands = ["15_24", "25_54", "55_64", "65_plus"]
    public static let sexSuffixes = ["_female", "_male"]
    /// A 0/1 column: the cell was on a published shortage list that year.
    public static let shortageLabel = "in_shortage"

    /// Every measure name the reader accepts.
    public static let knownMeasures: Set<String> = {
        var s = Set<String>()
        for m in baseMeasures {
            s.insert(m)
            for x in sexSuffixes { s.insert(m + x) }
        }
        for band in ageBands {
            s.insert("employment_" + band)
            for x in sexSuffixes { s.insert("employment_" + band + x) }
        }
        s.insert("jobseekers_15_24")
        for x in sexSuffixes { s.insert("jobseekers_15_24" + x) }
        s.insert(shortageLabel)
        return s
    }()

    /// Measures that count people (all but the wage), summed when cells are aggregated.
    public static func isCount(_ measure: String) -> Bool {
        !measure.hasPrefix("median_wage") && measure != shortageLabel
    }
}
