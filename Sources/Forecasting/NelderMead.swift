/// Nelder–Mead simplex minimisation, as R's `optim` does it (reflection 1, expansion 2,
/// contraction 0.5, shrink 0.5), stopping when the spread of function values falls below a
/// relative tolerance.
///
/// Bounds and admissibility are the objective's business: it returns `.infinity` outside them,
/// which the simplex then avoids — the approach of forecast::ets and statsforecast.
/// All workspace is allocated once per call and the objective sees a pointer, so evaluations
/// allocate nothing: this runs ~10⁸ times in a national forecast.
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
        let stride = n
        // Vertices, row v at [v * n ..< (v + 1) * n]; three scratch points after them.
        // Vertices and their values in one buffer (values after the four rows of points), used
        // through a pointer: the bookkeeping runs as often as the objective, which is cheap.
        var w = [Double](repeating: 0, count: (n + 4) * stride + n + 1)
        var evals = 0
        return w.withUnsafeMutableBufferPointer { buf -> Result in
            let base = buf.baseAddress!
            let values = base + (n + 4) * stride
            let centroid = base + (n + 1) * stride
            let trial = base + (n + 2) * stride
            let trial2 = base + (n + 3) * stride
            func eval(_ p: UnsafeMutablePointer<Double>) -> Double {
                evals += 1
                let v = f(UnsafeMutableBufferPointer(start: p, count: n))
                return v.isNaN ? .infinity : v
            }
            for v in 0...n {
                for i in 0..<n { base[v * stride + i] = start[i] }
                if v > 0 { base[v * stride + v - 1] += step[v - 1] }
                values[v] = eval(base + v * stride)
            }
            while evals < maxEvaluations {
                // Best, worst and second worst without sorting.
                var best = 0, worst = 0
                for v in 1...n {
                    if values[v] < values[best] { best = v }
                    if values[v] > values[worst] { worst = v }
                }
                if best == worst { worst = best == 0 ? 1 : 0 }
                var second = best
                for v in 0...n where v != worst && values[v] > values[second] { second = v }
                let fBest = values[best], fWorst = values[worst]
                if fWorst.isFinite && abs(fWorst - fBest) <= relativeTolerance * (abs(fBest) + relativeTolerance) { break }
                let pw = base + worst * stride
                for i in 0..<n {
                    var s = 0.0
                    for v in 0...n where v != worst { s += base[v * stride + i] }
                    centroid[i] = s / Double(n)
                }
                for i in 0..<n { trial[i] = 2 * centroid[i] - pw[i] }
                let fr = eval(trial)
                if fr < fBest {
                    for i in 0..<n { trial2[i] = 3 * centroid[i] - 2 * pw[i] }
                    let fe = eval(trial2)
                    if fe < fr {
                        for i in 0..<n { pw[i] = trial2[i] }; values[worst] = fe
                    } else {
                        for i in 0..<n { pw[i] = trial[i] }; values[worst] = fr
                    }
                } else if fr < values[second] {
                    for i in 0..<n { pw[i] = trial[i] }; values[worst] = fr
                } else {
                    let outside = fr < fWorst
                    for i in 0..<n {
                        trial2[i] = outside ? centroid[i] + 0.5 * (trial[i] - centroid[i])
                                            : centroid[i] + 0.5 * (pw[i] - centroid[i])
                    }
                    let fc = eval(trial2)
                    if fc < min(fr, fWorst) {
                        for i in 0..<n { pw[i] = trial2[i] }; values[worst] = fc
                    } else {
                        let pb = base + best * stride
                        for v in 0...n where v != best {
                            let pv = base + v * stride
                            for i in 0..<n { pv[i] = pb[i] + 0.5 * (pv[i] - pb[i]) }
                            values[v] = eval(pv)
                        }
                    }
                }
            }
            var bestIndex = 0
            for v in 1...n where values[v] < values[bestIndex] { bestIndex = v }
            return Result(x: Array(UnsafeBufferPointer(start: base + bestIndex * stride, count: n)),
                          value: values[bestIndex], evaluations: evals)
        }
    }
}
