import ArgumentParser
import Forecasting
import Foundation
import LabourData

struct LeastSquaresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regress",
        abstract: "Ordinary least squares of one CSV column on others (QR with refinement).",
        discussion: """
        Fits y = b0 + b1·x1 + … by column-scaled, pivoted Householder QR with iterative
        refinement in extended precision (accurate to 13+ digits on NIST's StRD problems), and
        prints coefficients with standard errors, the residual SD and R².
          mizan regress data.csv --y employment --x vacancies --x jobseekers
        """
    )

    @Argument(help: "CSV file with a header row (',' or ';' separated).")
    var file: String

    @Option(help: "Response column.")
    var y: String

    @Option(help: "Predictor column (repeat for several).")
    var x: [String]

    @Flag(help: "Fit without an intercept.")
    var noIntercept = false

    func run() throws {
        let table = try dataStep(file) { try NumericTable.read(contentsOf: URL(fileURLWithPath: file), columns: [y] + x) }
        let fit = try dataStep(file) { try Regression.fit(table, intercept: !noIntercept) }
        let names = (noIntercept ? [] : ["(intercept)"]) + x
        let width = max(12, names.map(\.count).max() ?? 0)
        print("term".padding(toLength: width, withPad: " ", startingAt: 0) + "  estimate              std. error")
        for (k, name) in names.enumerated() {
            let est = fit.aliased[k] ? "aliased" : String(format: "%.15g", fit.coefficients[k])
            let se = fit.aliased[k] ? "" : String(format: "%.15g", fit.standardErrors[k])
            print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                  + est.padding(toLength: 22, withPad: " ", startingAt: 0) + se)
        }
        print(String(format: "residual SD %.15g on %d degrees of freedom; R² %.15g%@", fit.residualStandardDeviation,
                     fit.residualDegreesOfFreedom, fit.rSquared, fit.hasIntercept ? "" : " (uncentred)"))
    }
}
