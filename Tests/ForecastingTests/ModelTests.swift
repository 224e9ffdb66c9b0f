import Forecasting
import Foundation
import LabourData
import LinearAlgebra
import TestSupport
import Testing

@Suite("Per-series models")
struct ModelTests {
    @Test("drift: slope, forecasts and variance by hand")
    func drift() throws {
        // Differences 2, 3, 0, 3: slope (18 − 10)/4 = 2; residuals 0, 1, −2, 1; σ² = 6/3 = 2.
        let m = DriftModel.fit([10, 12, 15, 15, 18])
        #expect(m.mean(3) == [20, 22, 24])
        let v = try #require(m.variance(2))
        #expect(abs(v[0] - 2 * 1 * (1 + 1.0 / 4)) < 1e-12)
        #expect(abs(v[1] - 2 * 2 * (1 + 2.0 / 4)) < 1e-12)
        let z = NormalDistribution.z(level: 95)
        #expect(abs(z - 1.959963984540054) < 1e-12)
        let iv = try #require(m.interval(1, level: 95))
        #expect(abs(iv.upper[0] - (20 + z * 2.5.squareRoot())) < 1e-9)
    }

    @Test("naive: last value, σ² from differences, variance growing with h")
    func naive() throws {
        let m = NaiveModel.fit([5, 7, 6, 8])
        #expect(m.mean(2) == [8, 8])
        // Differences 2, −1, 2: σ² = (4 + 1 + 4)/3 = 3.
        #expect(try #require(m.variance(3)) == [3, 6, 9])
    }

    @Test("the normal quantile is accurate in the tails")
    func normalQuantile() {
        #expect(abs(NormalDistribution.quantile(0.975) - 1.959963984540054) < 1e-13)
        #expect(abs(NormalDistribution.quantile(0.9) - 1.2815515655446004) < 1e-13)
        #expect(abs(NormalDistribution.quantile(1e-10) + 6.361340902404056) < 1e-10)
        #expect(abs(NormalDistribution.cdf(NormalDistribution.quantile(0.3)) - 0.3) < 1e-15)
    }

    @Test("Holt's linear trend recovers an exact line")
    func holtExactLine() throws {
        let y = (0..<15).map { 100 + 5 * Double($0) }
        let fit = try #require(ETS.fit(y, ETSSpec(error: .additive, trend: .additive)))
        let f = fit.forecast(3)
        for k in 0..<3 { #expect(abs(f[k] - (100 + 5 * Double(15 + k))) < 1e-6) }
    }

    @Test("SES maximises the likelihood: no α on a fine grid does better")
    func sesIsOptimal() throws {
        var rng = SeededGenerator(seed: 3)
        var level = 50.0
        let y = (0..<20).map { _ -> Double in level += rng.normal(); return level + 2 * rng.normal() }
        let fit = try #require(ETS.fit(y, ETSSpec(error: .additive, trend: .none)))
        // For given α the SSE is quadratic in l₀; minimise it directly.
        func bestSSE(_ a: Double) -> Double {
            func sse(_ l0: Double) -> Double {
                var l = l0, s = 0.0
                for v in y { let e = v - l; s += e * e; l += a * e }
                return s
            }
            let s0 = sse(0), s1 = sse(1), s2 = sse(2)
            let c2 = (s2 - 2 * s1 + s0) / 2, c1 = s1 - s0 - c2
            return sse(-c1 / (2 * c2))
        }
        let mine = fit.innovations.reduce(0) { $0 + $1 * $1 }
        let grid = stride(from: 0.0001, through: 0.9999, by: 0.001).map(bestSSE).min()!
        #expect(mine <= grid * (1 + 1e-9))
    }

    @Test("AutoETS chooses by AICc and never a multiplicative error on data with zeros")
    func autoETS() throws {
        let y: [Double] = [0, 3, 5, 4, 6, 8, 7, 9, 11, 10, 12, 13]
        let fit = try #require(ETS.auto(y))
        #expect(fit.spec.error == .additive)
        let all = ETSSpec.all.compactMap { ETS.fit(y, $0) }
        #expect(all.allSatisfy { fit.aicc <= $0.aicc })
    }

    @Test("theta is SES plus half the trend slope, as forecast::thetaf")
    func theta() throws {
        let y: [Double] = [12, 14, 13, 16, 18, 17, 20, 22, 21, 24]
        let m = try #require(ThetaModel.fit(y))
        let (ses, drift, n) = (m.ses, m.drift, m.n)
        // Slope of y on t is 1.1636…; the drift is half of it.
        let tm = 4.5
        let slope = (0..<10).reduce(0.0) { $0 + (Double($1) - tm) * (y[$1] - 18.7) } / 82.5
        #expect(abs(drift - slope / 2) < 1e-12)
        let f = m.mean(2)
        let tail = (1 - pow(1 - ses.alpha, Double(n))) / ses.alpha
        #expect(abs(f[1] - (ses.forecast(2)[1] + drift * (1 + tail))) < 1e-9)
    }

    @Test("odd series are handled and flagged, never NaN", arguments: [
        ([Double](), "zero;short"), ([0, 0, 0, 0, 0], "zero"), ([7, 7, 7, 7], "constant"), ([42], "short;single-point"),
        ([3, 5], "short"), ([3, .nan, 7, 9, 11, 12], "gaps"),
    ])
    func oddSeries(values: [Double], flags: String) throws {
        let (m, f) = SeriesForecaster.fit(values, model: .auto)
        let flagSet = Set(f.description.split(separator: ";").map(String.init))
        #expect(flagSet.isSuperset(of: Set(flags.split(separator: ";").map(String.init))), "\(f.description)")
        #expect(m.mean(5).allSatisfy { $0.isFinite })
        if let v = m.variance(5) { #expect(v.allSatisfy { $0.isFinite && $0 >= 0 }) }
    }

    @Test("interior gaps are filled linearly; leading and trailing ones dropped")
    func fillGaps() {
        let (v, offset, filled) = SeriesForecaster.fillGaps([.nan, 2, .nan, .nan, 8, .nan])
        #expect(v == [2, 4, 6, 8])
        #expect(offset == 1)
        #expect(filled)
    }
}

@Suite("Panel forecasts")
struct PanelForecastTests {
    /// Three regions, unit groups from two major groups, one series ending a year early and one
    /// with a gap.
    static let panelText: String = {
        var rows = ["year,region,isco,employment"]
        var rng = SeededGenerator(seed: 17)
        for (r, region) in ["MA-01", "MA-04", "MA-06"].enumerated() {
            for (k, code) in ["2211", "2221", "2222", "7212", "7411"].enumerated() {
                var level = Double(200 + 100 * r + 40 * k)
                for year in 2008...2024 {
                    level *= 1.02 + 0.01 * rng.normal()
                    if region == "MA-04" && code == "7212" && year == 2024 { continue }  // ends early
                    if region == "MA-06" && code == "2221" && year == 2015 { continue }  // a gap
                    rows.append("\(year),\(region),\(code),\((level * 10).rounded() / 10)")
                }
            }
        }
        return rows.joined(separator: "\n")
    }()

    @Test("an unbalanced panel is forecast to the common last year + H, coherently, without NaN")
    func unbalanced() throws {
        let panel = try PanelReader.read(text: Self.panelText)
        var options = ForecastOptions()
        options.horizon = 3
        options.paths = 200
        let f = try PanelForecaster.run(panel, options: options)
        #expect(f.years == [2025, 2026, 2027])
        #expect(f.firstNonFinite == nil)
        let h = f.hierarchy
        let n = f.seriesCount
        // Σ regions and Σ occupations give the national total, every year.
        for k in 0..<3 {
            let total = f.mean[k * n + h.series(0, 0)]
            let byRegion = (1...3).map { f.mean[k * n + h.series($0, 0)] }.reduce(0, +)
            let byMajor = h.b.nodes.enumerated().filter { $0.element.depth == 1 }.map { f.mean[k * n + h.series(0, $0.offset)] }.reduce(0, +)
            #expect(abs(total - byRegion) < 1e-8 * total)
            #expect(abs(total - byMajor) < 1e-8 * total)
        }
        // Intervals are nested and contain the point forecast.
        for i in 0..<n {
            for k in 0..<3 {
                let m = f.mean[k * n + i]
                #expect(f.lower[1][k * n + i] <= f.lower[0][k * n + i] && f.lower[0][k * n + i] <= m)
                #expect(m <= f.upper[0][k * n + i] && f.upper[0][k * n + i] <= f.upper[1][k * n + i])
            }
        }
        let gap = h.seriesOfBottom(h.a.leaves.firstIndex(of: "MA-06")!, h.b.leaves.firstIndex(of: "2221")!)
        #expect(f.flags[gap].contains(.gaps))
    }

    @Test("same input and seed give byte-identical output; the header is the documented contract")
    func deterministic() throws {
        let panel = try PanelReader.read(text: Self.panelText)
        var options = ForecastOptions()
        options.paths = 100
        let a = try PanelForecaster.run(panel, options: options).csv()
        let b = try PanelForecaster.run(panel, options: options).csv()
        #expect(a == b)
        let header = String(decoding: a.prefix(while: { $0 != 10 }), as: UTF8.self)
        #expect(header == "region,isco,year,measure,model,mean,lo80,hi80,lo95,hi95,reconciliation,flags")
        let text = String(decoding: a, as: UTF8.self)
        #expect(!text.contains("nan") && !text.contains("inf"))
    }

    @Test("two years of history: MinT-shrink falls back to WLS-structural and says so")
    func tooShortForMinT() throws {
        let panel = try PanelReader.read(text: "year,region,isco,employment\n2023,MA-01,2221,10\n2024,MA-01,2221,12\n2024,MA-02,7212,5\n")
        let f = try PanelForecaster.run(panel, options: ForecastOptions())
        #expect(f.reconciliation == .wlsStruct)
        #expect(f.warnings.count == 1)
        #expect(f.firstNonFinite == nil)
    }

    @Test("every reconciliation method and model runs on the bundled Tunisia panel shape")
    func methods() throws {
        let panel = try PanelReader.read(text: Self.panelText)
        for method in ReconciliationMethod.allCases {
            for model in [ModelChoice.naive, .drift, .theta, .combo, .loglinear] {
                var o = ForecastOptions()
                o.reconciliation = method
                o.model = model
                o.paths = 50
                o.nonnegative = method == .ols
                let f = try PanelForecaster.run(panel, options: o)
                #expect(f.firstNonFinite == nil, "\(method) \(model)")
            }
        }
    }
}
