/// Why a linear-algebra routine could not give an answer.
///
/// LAPACK reports failure through an integer `info`; every wrapper in this module turns a
/// non-zero `info` into one of these cases, so callers never see a trap or a silent NaN.
public enum LinearAlgebraError: Error, Equatable, Sendable {
    /// Operand shapes do not fit together (e.g. `A` is 3×4 and `B` is 5×2 in `A·B`).
    case dimensionMismatch(String)
    /// The matrix is exactly singular: pivot `pivot` (1-based) is zero.
    case singular(pivot: Int)
    /// Cholesky failed: the leading minor of order `minor` is not positive definite.
    case notPositiveDefinite(minor: Int)
    /// An iterative LAPACK routine (eigen, SVD) did not converge.
    case didNotConverge(routine: String, info: Int)
    /// LAPACK rejected argument number `argument` of `routine` (a bug in the wrapper or bad input).
    case illegalArgument(routine: String, argument: Int)
    /// An input contains NaN or infinity, which LAPACK would silently propagate.
    case nonFinite(String)
    /// The problem has fewer observations than the method needs.
    case insufficientData(String)
}

extension LinearAlgebraError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .dimensionMismatch(let what): return "dimension mismatch: \(what)"
        case .singular(let p): return "matrix is singular (pivot \(p) is exactly zero)"
        case .notPositiveDefinite(let k):
            return "matrix is not positive definite (leading minor of order \(k) is not positive)"
        case .didNotConverge(let r, let info): return "\(r) did not converge (info = \(info))"
        case .illegalArgument(let r, let a): return "\(r): argument \(a) has an illegal value"
        case .nonFinite(let what): return "non-finite value (NaN or infinity) in \(what)"
        case .insufficientData(let what): return "insufficient data: \(what)"
        }
    }
}

/// Maps a LAPACK `info` to an error. `positive` says what a positive info means for this routine.
@inline(__always)
func check(_ info: Int32, _ routine: String, positive: (Int) -> LinearAlgebraError) throws {
    if info == 0 { return }
    if info < 0 { throw LinearAlgebraError.illegalArgument(routine: routine, argument: Int(-info)) }
    throw positive(Int(info))
}
