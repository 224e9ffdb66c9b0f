import Foundation
import LinearAlgebra
import TestSupport
import Testing

/// Properties every factorisation must satisfy, on random matrices from fixed seeds.
@Suite("Factorisation properties")
struct FactorizationPropertyTests {
    static func randomMatrix(_ m: Int, _ n: Int, _ rng: inout SeededGenerator) -> Matrix {
        var a = Matrix(rows: m, columns: n)
        for k in 0..<(m * n) { a.storage[k] = rng.normal() }
        return a
    }

    /// `AᵀA + n·I` is symmetric positive definite with a modest condition number.
    static func randomSPD(_ n: Int, _ rng: inout SeededGenerator) -> Matrix {
        let a = randomMatrix(n, n, &rng)
        var spd = BLAS.gram(a)
        for i in 0..<n { spd[i, i] += Double(n) }
        return spd
    }

    static func maxAbs(_ v: [Double]) -> Double { v.map(abs).max() ?? 0 }

    @Test("Cholesky and LU solve random SPD systems to near machine precision", arguments: [1, 2, 7, 40, 150])
    func spdSolves(n: Int) throws {
        var rng = SeededGenerator(seed: UInt64(1000 + n))
        let a = Self.randomSPD(n, &rng)
        let xTrue = (0..<n).map { _ in rng.normal() }
        let b = a * xTrue
        let chol = try Cholesky(a)
        let x1 = try chol.solve(b)
        let x2 = try a.solve(b)
        let err1 = Self.maxAbs(zip(x1, xTrue).map { $0 - $1 })
        let err2 = Self.maxAbs(zip(x2, xTrue).map { $0 - $1 })
        #expect(err1 < 1e-10 && err2 < 1e-10)
        // L·Lᵀ reconstructs A and the inverse is an inverse.
        let llt = try BLAS.product(.none, chol.factor, .transpose, chol.factor)
        #expect(Self.maxAbs(zip(llt.storage, a.storage).map { $0 - $1 }) < 1e-9 * Double(n))
        let inv = try chol.inverse()
        let eye = a * inv
        #expect(Self.maxAbs(zip(eye.storage, Matrix.identity(n).storage).map { $0 - $1 }) < 1e-10)
        // log det from Cholesky agrees with the sum of log eigenvalues.
        let eig = try SymmetricEigen(a)
        #expect(abs(chol.logDeterminant - eig.values.map { log($0) }.reduce(0, +)) < 1e-8 * Double(n))
    }

    @Test("the in-place small solve (own elimination up to 16 unknowns, dgesv above) agrees with dgesv and needs pivoting",
          arguments: [1, 2, 3, 9, 16, 17, 36])
    func smallSolvesInPlace(n: Int) throws {
        var rng = SeededGenerator(seed: UInt64(2000 + n))
        // A general (non-symmetric) matrix whose first pivot is tiny: without row exchanges the
        // elimination would lose every digit.
        var a = Self.randomMatrix(n, n, &rng)
        a[0, 0] = 1e-14
        let xTrue = (0..<n).map { _ in rng.normal() }
        let b = a * xTrue
        let reference = try a.solve(b)
        var lu = a.storage, x = b
        let solved = lu.withUnsafeMutableBufferPointer { pa in
            x.withUnsafeMutableBufferPointer { pb in LinearSolve.solveInPlace(n, a: pa.baseAddress!, b: pb.baseAddress!) }
        }
        #expect(solved)
        let scale = max(1, Self.maxAbs(xTrue))
        #expect(Self.maxAbs(zip(x, reference).map { $0 - $1 }) < 1e-9 * scale)
        #expect(Self.maxAbs(zip(x, xTrue).map { $0 - $1 }) < 1e-8 * scale)
        // A singular system (two equal rows) is refused, not answered with NaN or infinity.
        if n >= 2 {
            var s = a
            for j in 0..<n { s[1, j] = s[0, j] }
            var ls = s.storage, xs = b
            let ok = ls.withUnsafeMutableBufferPointer { pa in
                xs.withUnsafeMutableBufferPointer { pb in LinearSolve.solveInPlace(n, a: pa.baseAddress!, b: pb.baseAddress!) }
            }
            #expect(!ok || xs.allSatisfy(\.isFinite))
        }
    }

    @Test("SVD reconstructs A, has orthonormal factors and descending values", arguments: [(5, 3), (3, 5), (60, 20), (1, 1)])
    func svdReconstructs(m: Int, n: Int) throws {
        var rng = SeededGenerator(seed: UInt64(m * 31 + n))
        let a = Self.randomMatrix(m, n, &rng)
        let svd = try SingularValueDecomposition(a)
        var us = svd.u
        for j in 0..<svd.singularValues.count { for i in 0..<m { us[i, j] *= svd.singularValues[j] } }
        let back = us * svd.vt
        #expect(Self.maxAbs(zip(back.storage, a.storage).map { $0 - $1 }) < 1e-12 * Double(max(m, n)))
        let utu = BLAS.gram(svd.u)
        #expect(Self.maxAbs(zip(utu.storage, Matrix.identity(min(m, n)).storage).map { $0 - $1 }) < 1e-12)
        #expect(zip(svd.singularValues, svd.singularValues.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(try a.singularValues().enumerated().allSatisfy { abs($1 - svd.singularValues[$0]) < 1e-12 })
    }

    @Test("eigenpairs satisfy A·v = λ·v with orthonormal vectors")
    func eigenPairs() throws {
        var rng = SeededGenerator(seed: 7)
        let a = Self.randomSPD(30, &rng)
        let eig = try SymmetricEigen(a)
        for k in 0..<30 {
            let v = eig.vectors.column(k)
            let av = a * v
            let residual = Self.maxAbs(zip(av, v).map { $0 - eig.values[k] * $1 })
            #expect(residual < 1e-10 * eig.values.last!)
        }
        #expect(zip(eig.values, eig.values.dropFirst()).allSatisfy { $0 <= $1 })
        let vtv = BLAS.gram(eig.vectors)
        #expect(Self.maxAbs(zip(vtv.storage, Matrix.identity(30).storage).map { $0 - $1 }) < 1e-12)
    }

    @Test("the pseudo-inverse satisfies the Penrose conditions, also for rank-deficient A")
    func pseudoInverse() throws {
        var rng = SeededGenerator(seed: 11)
        let b = Self.randomMatrix(8, 3, &rng)
        let c = Self.randomMatrix(3, 5, &rng)
        let a = b * c  // 8×5 of rank 3
        let p = try a.pseudoInverse()
        let apa = a * p * a
        let pap = p * a * p
        #expect(Self.maxAbs(zip(apa.storage, a.storage).map { $0 - $1 }) < 1e-10)
        #expect(Self.maxAbs(zip(pap.storage, p.storage).map { $0 - $1 }) < 1e-10)
        #expect(try a.conditionNumber() > 1e12)
        #expect(try Matrix.identity(4).conditionNumber() == 1)
    }

    @Test("least squares on an exactly aliased column reports rank and aliasing instead of NaN")
    func rankDeficientLeastSquares() throws {
        let x = Matrix(columns: [[1, 1, 1, 1, 1], [1, 2, 3, 4, 5], [2, 4, 6, 8, 10]])
        let y: [Double] = [2.1, 3.9, 6.2, 7.8, 10.1]
        let fit = try LeastSquares.fit(x, y)
        #expect(fit.rank == 2)
        #expect(fit.aliased.filter { $0 }.count == 1)
        // The fitted values are those of the full-rank model y ~ 1 + x: slope 1.99, intercept 0.05.
        let fitted = zip(y, fit.residuals).map { $0 - $1 }
        #expect(abs(fitted[0] - (0.05 + 1.99)) < 1e-12)
        #expect(fit.rSquared > 0.99)
    }

    @Test("LAPACK failures become typed errors, never traps or NaN")
    func typedErrors() throws {
        let singular = Matrix([[1, 2], [2, 4]])
        #expect(throws: LinearAlgebraError.singular(pivot: 2)) { try singular.solve([1, 1]) }
        let indefinite = Matrix([[1, 2], [2, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 2)) { try Cholesky(indefinite) }
        #expect(throws: LinearAlgebraError.self) { try Matrix([[1, .nan], [0, 1]]).solve([1, 1]) }
        #expect(throws: LinearAlgebraError.self) { try LeastSquares.fit(Matrix([[1, 2]]), [1]) }
        #expect(throws: LinearAlgebraError.self) {
            try BLAS.product(.none, Matrix(rows: 2, columns: 3), .none, Matrix(rows: 2, columns: 3))
        }
        #expect("\(LinearAlgebraError.notPositiveDefinite(minor: 2))".contains("not positive definite"))
    }

    @Test("gemm and gram agree with each other and with a hand-computed product")
    func products() throws {
        let a = Matrix([[1, 2], [3, 4], [5, 6]])
        let b = Matrix([[1, 0, 2], [0, 1, 3]])
        #expect((a * b) == Matrix([[1, 2, 8], [3, 4, 18], [5, 6, 28]]))
        #expect(BLAS.gram(a) == Matrix([[35, 44], [44, 56]]))
        #expect(a.transposed() == Matrix([[1, 3, 5], [2, 4, 6]]))
        #expect(a * [1, 1] == [3, 7, 11])
        #expect(try BLAS.product(.transpose, a, [1, 1, 1]) == [9, 12])
        #expect(BLAS.dot([1, 2, 3], [4, 5, 6]) == 32)
    }
}
