import LabourData
/// The panel measures that make up new supply in the forward balance, and how a planner reads
/// their names.
public enum SupplyMeasure {
    public static let all = ["graduates", "returnees", "immigrants", "jobseekers"]

    static let french = ["graduates": "diplômés", "returnees": "retours", "immigrants": "immigrés", "jobseekers": "demandeurs d'emploi"]
    static let english = ["graduates": "graduates", "returnees": "returnees", "immigrants": "immigrants", "jobseekers": "job seekers"]

    /// "diplômés, demandeurs d'emploi" for a list of measure names.
    public static func names(_ measures: [String], language: Language) -> String {
        let fr = language == .french
        return measures.map { (fr ? french : english)[$0] ?? $0 }.joined(separator: ", ")
    }
}
