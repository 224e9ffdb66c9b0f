/// History and a forecast as an inline SVG fan chart — the observed line, the forecast's centre
/// dashed, an inner and an outer band (80 % and 95 % by default) — the one drawing the report
/// and the workspace share. Colours are presentation attributes (the workspace's
/// Content-Security-Policy allows no inline style); the bands start at the last observed point.
public enum FanChart {
    public struct Band: Sendable, Equatable {
        public var low: Double, high: Double
        public init(low: Double, high: Double) { self.low = low; self.high = high }
    }

    /// One forecast year: the centre (the published point) and the inner and outer bands.
    public struct Point: Sendable, Equatable {
        public let year: Int
        public let mean: Double
        public let inner: Band, outer: Band
        public init(year: Int, mean: Double, inner: Band, outer: Band) {
            self.year = year; self.mean = mean; self.inner = inner; self.outer = outer
        }
    }

    public static func svg(history: [(year: Int, value: Double)], forecast: [Point], label: String,
                           width w: Double = 640, height h: Double = 280) -> String {
        let years = history.map(\.year) + forecast.map(\.year)
        let values = history.map(\.value) + forecast.flatMap { [$0.outer.low, $0.outer.high, $0.mean] }.filter(\.isFinite)
        guard let y0 = years.min(), let y1 = years.max(), y1 > y0, let lo = values.min(), let hi = values.max() else { return "" }
        let pad = 46.0
        let top = hi + (hi - lo) * 0.05, bottom = max(0, lo - (hi - lo) * 0.05)
        func x(_ y: Int) -> Double { pad + Double(y - y0) / Double(y1 - y0) * (w - 2 * pad) }
        func yv(_ v: Double) -> Double { h - pad - (v - bottom) / max(top - bottom, 1e-9) * (h - 2 * pad) }
        func f(_ d: Double) -> String { String(format: "%.1f", d) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" width=\"\(Int(w))\" height=\"\(Int(h))\" role=\"img\" aria-label=\"\(HTMLText.escape(label))\">"
        s += "<rect x=\"\(f(pad))\" y=\"\(f(pad / 2))\" width=\"\(f(w - 2 * pad))\" height=\"\(f(h - 1.5 * pad))\" fill=\"none\" stroke=\"#ccc\"/>"
        if let last = history.last, !forecast.isEmpty {
            for (band, colour) in [(\Point.outer, "#cfe3ec"), (\Point.inner, "#9cc6d8")] {
                let upper = [(last.year, last.value)] + forecast.map { ($0.year, $0[keyPath: band].high) }
                let lower = [(last.year, last.value)] + forecast.map { ($0.year, $0[keyPath: band].low) }
                let pts = (upper + lower.reversed()).filter { $0.1.isFinite }.map { "\(f(x($0.0))),\(f(yv($0.1)))" }.joined(separator: " ")
                s += "<polygon points=\"\(pts)\" fill=\"\(colour)\" stroke=\"none\"/>"
            }
            let mean = ([(last.year, last.value)] + forecast.map { ($0.year, $0.mean) }).map { "\(f(x($0.0))),\(f(yv($0.1)))" }.joined(separator: " ")
            s += "<polyline points=\"\(mean)\" fill=\"none\" stroke=\"#12455c\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>"
        }
        let observed = history.map { "\(f(x($0.year))),\(f(yv($0.value)))" }.joined(separator: " ")
        s += "<polyline points=\"\(observed)\" fill=\"none\" stroke=\"#1d2b36\" stroke-width=\"2\"/>"
        for yr in stride(from: y0, through: y1, by: max(1, (y1 - y0) / 6)) {
            s += "<text x=\"\(f(x(yr)))\" y=\"\(f(h - pad / 3))\" font-size=\"11\" text-anchor=\"middle\">\(yr)</text>"
        }
        for v in [bottom, (bottom + top) / 2, top] {
            s += "<text x=\"\(f(pad - 4))\" y=\"\(f(yv(v) + 4))\" font-size=\"11\" text-anchor=\"end\">\(Int(v.rounded()))</text>"
        }
        return s + "</svg>"
    }
}
