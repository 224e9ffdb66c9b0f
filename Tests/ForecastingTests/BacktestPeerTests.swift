import Forecasting
import Foundation
import LabourData
import Testing
import TestSupport

/// Mizan's rolling backtest against statsforecast's `cross_validation` (peer f, 2.1.1) on the
/// same file and origins: the peer kit's small panel (4 regions × 100 unit groups × 15 years),
/// 5 origins × horizon 5, models refit at every origin. Fixtures made by
/// `scripts/make_peer_fixtures.py --backtest-only`. The accuracy table of Benchmarks/RESULTS.md
/// quotes these figures.
@Suite("Backtest accuracy against statsforecast")
struct BacktestPeerTests {
    /// Mizan's model, the peer's, and the MASE and sMAPE (%) RESULTS.md quotes for Mizan on the
    /// bottom series (region × unit group).
    static let quoted: [(model: ModelChoice, peer: String, mase: Double, smape: Double)] = [
        (.ets, "AutoETS", 3.265, 6.50), (.damped, "ETS_AAdN", 2.535, 4.84), (.theta, "Theta", 2.729, 5.25),
        (.drift, "RWD", 2.566, 4.84), (.naive, "Naive", 3.340, 6.76),
    ]

    static func peerScores() throws -> [String: (mase: Double, smape: Double)] {
        let text = try String(contentsOf: SharedData.repository("Tests/ForecastingTests/Fixtures/sf_backtest.csv"), encoding: .utf8)
        var out: [String: (Double, Double)] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            if f[1] == "all" { out[String(f[0])] = (Double(f[2])!, Double(f[3])!) }
        }
        return out
    }

    @Test("same origins, same scores: drift and naive equal the peer's, damped ETS and Theta beat it, AutoETS within 1 %; figures as quoted (±0.005 MASE, ±0.05 sMAPE)")
    func againstStatsforecast() throws {
        let panel = try PanelReader.read(contentsOf: SharedData.repository("Tests/ForecastingTests/Fixtures/small_panel.csv"))
        var o = BacktestOptions()
        o.horizon = 5
        o.origins = 5
        o.models = [.ets, .damped, .theta]
        o.paths = 20   // intervals do not enter MASE or sMAPE; fewer paths, same point forecasts
        let result = try Backtester.run(panel, options: o)
        let bottom = Dictionary(uniqueKeysWithValues: result.summary(byStep: false)
            .filter { $0.level == "region × isco4" }.map { ($0.model, $0) })
        let peer = try Self.peerScores()
        for q in Self.quoted {
            let mine = try #require(bottom[q.model]), theirs = try #require(peer[q.peer])
            #expect(mine.series == 400)
            #expect(abs(mine.mase - q.mase) <= 0.005, "\(q.model) MASE \(mine.mase), quoted \(q.mase)")
            #expect(abs(mine.smape - q.smape) <= 0.05, "\(q.model) sMAPE \(mine.smape), quoted \(q.smape)")
            switch q.model {
            case .drift, .naive:
                // The same closed form: the same numbers to the peer's six decimals.
                #expect(abs(mine.mase - theirs.mase) < 1e-5 && abs(mine.smape - theirs.smape) < 1e-5, "\(q.model) \(mine.mase) vs \(theirs.mase)")
            case .damped, .theta:
                #expect(mine.mase < theirs.mase && mine.smape < theirs.smape, "\(q.model) \(mine.mase) vs \(theirs.mase)")
            default:
                #expect(mine.mase <= theirs.mase * 1.01 && mine.smape <= theirs.smape * 1.02, "\(q.model) \(mine.mase) vs \(theirs.mase)")
            }
        }
    }
}
