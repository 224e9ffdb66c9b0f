import LabourData
import MizanSupport

/// The forecasting methods Mizan offers per series.
public enum ModelChoice: String, Sendable, CaseIterable {
    /// The default: the median of drift, damped trend (ETS(A,Ad,N)), Theta and AutoETS — with
    /// four parts the mean of the middle two. Chosen on out-of-sample accuracy on real yearly
    /// series (Sources/Forecasting/README.md, "Choosing the default").
    case auto
    case naive, drift
    /// Log-linear trend: OLS of log y on time.
    case loglinear
    case ses, holt, damped
    /// AutoETS: errors A/M × trend N/A/Ad by AICc.
    case ets
    case theta
    /// ARIMA(p,d,q), d by KPSS, p, q ≤ 2 and the constant by AICc.
    case arima
    /// Median of AutoETS, Theta and drift: the classic strong yearly benchmark.
    case combo
}

/// How a combination turns its parts' forecasts into one.
public enum Combiner: String, Sendable {
    case median, mean
    func combine(_ xs: [Double]) -> Double {
        switch self {
        case .median: return Forecasting.median(xs)
        case .mean: return xs.reduce(0, +) / Double(xs.count)
        }
    }

    /// Combines `parts` paths of `steps` values into `out` without allocating on the heap
    /// (it runs once per series and sample path): `simulate(j, slot)` fills part j's path.
    func combine(_ parts: Int, steps h: Int, into out: UnsafeMutableBufferPointer<Double>,
                 _ simulate: (Int, UnsafeMutableBufferPointer<Double>) -> Void) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: parts * h + parts) { buf in
            for j in 0..<parts { simulate(j, UnsafeMutableBufferPointer(rebasing: buf[(j * h)..<((j + 1) * h)])) }
            let column = UnsafeMutableBufferPointer(rebasing: buf[(parts * h)...])
            for k in 0..<h {
                for j in 0..<parts { column[j] = buf[j * h + k] }
                out[k] = combine(column)
            }
        }
    }

    /// The parts' values at one step combined; a median reorders `column` in place.
    @inline(__always)
    func combine(_ column: UnsafeMutableBufferPointer<Double>) -> Double {
        let parts = column.count
        switch self {
        case .mean:
            var sum = 0.0
            for j in 0..<parts { sum += column[j] }
            return sum / Double(parts)
        case .median:
            // Insertion sort: a handful of parts.
            for a in 1..<max(1, parts) {
                let v = column[a]
                var b = a - 1
                while b >= 0 && column[b] > v { column[b + 1] = column[b]; b -= 1 }
                column[b + 1] = v
            }
            return parts % 2 == 1 ? column[parts / 2] : (column[parts / 2 - 1] + column[parts / 2]) / 2
        }
    }
}

/// The median, as everywhere in Mizan (`Quantile.median`).
func median(_ xs: [Double]) -> Double { Quantile.median(xs) }
