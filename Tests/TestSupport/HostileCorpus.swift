/// Inputs a hostile or careless user brings, shared by the readers' unit tests and the command
/// line's (where each also asserts the exit code and that nothing was written).
public enum HostileCorpus {
    public struct Case: CustomStringConvertible, Sendable {
        public let name: String
        public let text: String
        /// Expected `line:column` and a fragment of the message.
        public let at: String
        public let says: String
        public var description: String { name }
        public init(name: String, text: String, at: String, says: String) {
            self.name = name; self.text = text; self.at = at; self.says = says
        }
    }

    static let h = "year,region,isco,employment,jobseekers,vacancies,median_wage\n"

    public static let panels: [Case] = [
        Case(name: "empty file", text: "", at: "1:1", says: "empty"),
        Case(name: "header only", text: h, at: "1:1", says: "no data rows"),
        Case(name: "header lacks isco", text: "year,region,employment\n2020,MA-01,5\n", at: "1:1", says: "lacks 'isco'"),
        Case(name: "header lacks year and region", text: "isco,employment\n2221,5\n", at: "1:1", says: "lacks 'year', 'region'"),
        Case(name: "no measure column", text: "year,region,isco\n2020,MA-01,2221\n", at: "1:1", says: "no measure"),
        Case(name: "unknown column", text: "year,region,isco,employmnet\n2020,MA-01,2221,5\n", at: "1:18", says: "unknown column 'employmnet'"),
        Case(name: "duplicate column", text: "year,region,isco,employment,employment\n", at: "1:29", says: "appears twice"),
        Case(name: "unknown ISCO code", text: h + "2020,MA-01,9999,5,1,1,100\n", at: "2:12", says: "'9999' is not in ISCO-08"),
        Case(name: "ISCO code with five digits", text: h + "2020,MA-01,22210,5,1,1,100\n", at: "2:12", says: "1 to 4 digits"),
        Case(name: "ISCO code with letters", text: h + "2020,MA-01,22a1,5,1,1,100\n", at: "2:12", says: "not an ISCO-08 code"),
        Case(name: "empty ISCO code", text: h + "2020,MA-01,,5,1,1,100\n", at: "2:12", says: "isco is empty"),
        Case(name: "bad number", text: h + "2020,MA-01,2221,12x,1,1,100\n", at: "2:17", says: "employment '12x' is not a number"),
        Case(name: "NaN literal", text: h + "2020,MA-01,2221,NaN,1,1,100\n", at: "2:17", says: "leave the cell empty"),
        Case(name: "NA literal", text: h + "2020,MA-01,2221,5,NA,1,100\n", at: "2:19", says: "jobseekers 'NA' is not a number"),
        Case(name: "infinity", text: h + "2020,MA-01,2221,inf,1,1,100\n", at: "2:17", says: "not a number"),
        Case(name: "negative count", text: h + "2020,MA-01,2221,-5,1,1,100\n", at: "2:17", says: "employment is negative"),
        Case(name: "negative wage", text: h + "2020,MA-01,2221,5,1,1,-100\n", at: "2:23", says: "median_wage is negative"),
        Case(name: "duplicate key", text: h + "2020,MA-01,2221,5,1,1,100\n2020,MA-01,2221,6,1,1,100\n", at: "3:1", says: "duplicate row for year 2020, region MA-01, isco 2221 (first at line 2)"),
        Case(name: "duplicate key far apart", text: h + "2020,MA-01,2221,5,1,1,100\n2021,MA-01,2221,5,1,1,100\n2020,MA-01,2221,6,1,1,100\n", at: "4:1", says: "first at line 2"),
        Case(name: "year out of range", text: h + "1850,MA-01,2221,5,1,1,100\n", at: "2:1", says: "year 1850 is out of range"),
        Case(name: "year not a number", text: h + "20x0,MA-01,2221,5,1,1,100\n", at: "2:1", says: "'20x0' is not a whole number"),
        Case(name: "fractional year", text: h + "2020.5,MA-01,2221,5,1,1,100\n", at: "2:1", says: "not a whole number"),
        Case(name: "empty year", text: h + ",MA-01,2221,5,1,1,100\n", at: "2:1", says: "year is empty"),
        Case(name: "empty region", text: h + "2020,,2221,5,1,1,100\n", at: "2:6", says: "region is empty"),
        Case(name: "region name cut short", text: h + "2020,Rabat Salé,2221,5,1,1,100\n", at: "2:6", says: "did you mean MA-04 (Rabat-Salé-Kénitra)"),
        Case(name: "too few fields", text: h + "2020,MA-01,2221,5,1\n", at: "2:19", says: "expected 7 fields"),
        Case(name: "too many fields", text: h + "2020,MA-01,2221,5,1,1,100,9\n", at: "2:27", says: "found 8"),
        Case(name: "decimal comma in a comma file", text: h + "2020,MA-01,2221,5,5,1,1,100\n", at: "2:25", says: "decimal comma"),
        Case(name: "unterminated quote", text: h + "2020,MA-01,\"2221,5,1,1,100\n", at: "2:12", says: "never closed"),
        Case(name: "stray quote", text: h + "2020,MA-01,22\"21,5,1,1,100\n", at: "2:14", says: "quote inside an unquoted field"),
        Case(name: "text after closing quote", text: h + "2020,MA-01,\"2221\"x,5,1,1,100\n", at: "2:18", says: "after a closing quote"),
        Case(name: "shortage label not 0/1", text: "year,region,isco,employment,in_shortage\n2020,MA-01,2221,5,2\n", at: "2:19", says: "must be 0 or 1"),
        Case(name: "French file with a point-free bad number", text: "year;region;isco;employment\n2020;MA-01;2221;1,2,3\n", at: "2:17", says: "'1,2,3' is not a number"),
        Case(name: "error on a later line after CRLF rows", text: "year,region,isco,employment\r\n2020,MA-01,2221,5\r\n2021,MA-01,2221,x\r\n", at: "3:17", says: "'x' is not a number"),
    ]
}
