import LabourData
/// The panel measures that make up new supply in the forward balance, and how a planner reads
/// their names.
public enum SupplyMeasure {
    public static let all = ["graduates", "school_leavers", "returnees", "immigrants", "jobseekers"]

    static let french = ["graduates": "diplômés", "school_leavers": "sortants de l'école", "returnees": "retours",
                         "immigrants": "immigrés", "jobseekers": "demandeurs d'emploi"]
    static let english = ["graduates": "graduates", "school_leavers": "school leavers", "returnees": "returnees",
                          "immigrants": "immigrants", "jobseekers": "job seekers"]
    static let arabic = ["graduates": "الخريجون", "school_leavers": "الخارجون من المدرسة", "returnees": "العائدون",
                         "immigrants": "المهاجرون الوافدون", "jobseekers": "الباحثون عن عمل"]

    /// "diplômés, demandeurs d'emploi" for a list of measure names.
    public static func names(_ measures: [String], language: Language) -> String {
        let names = language == .arabic ? arabic : language == .french ? french : english
        return measures.map { names[$0] ?? $0 }.joined(separator: language == .arabic ? "، " : ", ")
    }
}
