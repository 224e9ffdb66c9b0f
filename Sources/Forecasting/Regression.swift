import LabourData
import LinearAlgebra

/// Ordinary least squares on the columns of a table: the `mizan regress` stage. The first column
/// is the response, the others the predictors (with an intercept in front unless told not).
public enum Regression {
    public static func fit(_ table: NumericTable, intercept: Bool = true) throws -> LeastSquaresFit {
        var columns: [[Double]] = intercept ? [[Double](repeating: 1, count: table.rowCount)] : []
        columns.append(contentsOf: table.columns.dropFirst())
        return try LeastSquares.fit(Matrix(columns: columns), table.columns[0])
    }
}
