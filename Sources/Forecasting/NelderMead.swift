/// Nelder–Mead simplex minimisation, as R's `optim` does it (reflection 1, contraction 0.5,
/// expansion 2, shrink 0.5), with a relative tolerance on the spread of function values.
///
/// Bounds and admissibility are the objective's business: it returns `.infinity` outside them,
/// which the simplex then avoids — the approach of forecast::ets and statsforecast.
/// Workspace is allocated once per call; the objective sees a pointer, so evaluations allocate
/// nothing.
public enum NelderMead {
    public struct Result {
        public var x: [Double]
        public var value: Double
        public var evaluations: Int
    }

    public static func minimize(
        start: [Double], step: [Double], maxEvaluations: Int = 1000, relativeTolerance: Double = 1e-8,
        _ f: (UnsafeMutableBufferPointer<Double>) -> Double
    ) -> Result {
        let n = start.count
        var simplex = [[Double]](repeating: start, count: n + 1)
        for i in 0..<n { simplex[i + 1][i] += step[i] }
        var point = [Double](repeating: 0, count: n)
        var evals = 0
        func eval(_ x: [Double]) -> Double {
            evals += 1
            for i in 0..<n { point[i] = x[i] }
            let v = point.withUnsafeMutableBufferPointer { f($0) }
            return v.isNaN ? .infinity : v
        }
        var values = simplex.map { eval($0) }
        var centroid = [Double](repeating: 0, count: n)
        var trial = [Double](repeating: 0, count: n)
        var trial2 = [Double](repeating: 0, count: n)
        while evals < maxEvaluations {
            // Order: best first.
            var order = Array(0...n)
            order.sort { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let best = values[0], worst = values[n]
            if worst.isFinite && abs(worst - best) <= relativeTolerance * (abs(best) + relativeTolerance) { break }
            for i in 0..<n {
                var s = 0.0
                for k in 0..<n { s += simplex[k][i] }
                centroid[i] = s / Double(n)
            }
            for i in 0..<n { trial[i] = centroid[i] + (centroid[i] - simplex[n][i]) }
            let fr = eval(trial)
            if fr < best {
                for i in 0..<n { trial2[i] = centroid[i] + 2 * (centroid[i] - simplex[n][i]) }
                let fe = eval(trial2)
                if fe < fr { simplex[n] = trial2; values[n] = fe } else { simplex[n] = trial; values[n] = fr }
            } else if fr < values[n - 1] {
                simplex[n] = trial; values[n] = fr
            } else {
                let outside = fr < worst
                for i in 0..<n {
                    trial2[i] = outside ? centroid[i] + 0.5 * (trial[i] - centroid[i])
                                        : centroid[i] + 0.5 * (simplex[n][i] - centroid[i])
                }
                let fc = eval(trial2)
                if fc < min(fr, worst) {
                    simplex[n] = trial2; values[n] = fc
                } else {
                    for k in 1...n {
                        for i in 0..<n { simplex[k][i] = simplex[0][i] + 0.5 * (simplex[k][i] - simplex[0][i]) }
                        values[k] = eval(simplex[k])
                    }
                }
            }
        }
        var bestIndex = 0
        for k in 1...n where values[k] < values[bestIndex] { bestIndex = k }
        return Result(x: simplex[bestIndex], value: values[bestIndex], evaluations: evals)
    }
}
