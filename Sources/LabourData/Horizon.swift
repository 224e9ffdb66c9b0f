/// The horizon, with one meaning everywhere: a shortage list made in `listYear` is about the
/// target year `listYear + years`; a forecast counts its steps from the panel's last observed
/// year. Every command and configuration checks against these ranges, and target years and
/// forecast steps are computed here only.
public enum Horizon {
    /// Years ahead a shortage list may look: 0 (the present) to 20.
    public static let listRange = 0...20
    /// Years a forecast may reach past the last observed year.
    public static let forecastRange = 1...50

    /// The year a list made in `listYear` is about.
    public static func targetYear(listYear: Int, years: Int) -> Int { listYear + years }

    /// Forecast steps past `lastObserved` that the target year needs (0: the panel observes it).
    public static func forecastSteps(lastObserved: Int, listYear: Int, years: Int) -> Int {
        max(0, targetYear(listYear: listYear, years: years) - lastObserved)
    }

    /// What is wrong with a horizon of `years` for a list, if anything.
    public static func listProblem(_ years: Int) -> String? {
        listRange.contains(years) ? nil : "the horizon must be \(listRange.lowerBound)–\(listRange.upperBound) years (the list year plus the horizon is the year the list is about)"
    }
}
