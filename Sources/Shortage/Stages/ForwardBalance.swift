import Forecasting
import Foundation
import LabourData
import LinearAlgebra
import MizanSupport

/// Stage 3: the stock-flow balance of each cell over the horizon.
///
///     openings   = max(0, employment(target) − employment(now) + replacement)
///     new supply = H × (graduates × entry + school leavers × entry
///                       + returnees × entry × (1 − downgrading) + immigrants × entry)
///                  + registered job seekers × attachment × availability
///     imbalance  = (openings − new supply) / employment(now)
///
/// Yearly inflows are the mean of the last three years. The balance is computed once with the
/// point forecast and the default rates, and once per draw with a reconciled sample path and a
/// draw of the rates (Beta draws of the shares, log-normal multipliers of the exit causes).
struct ForwardBalance {
    struct Cell: Sendable {
        var openings: Double
        var replacement: Double
        var newSupply: Double
        var imbalance: Double
        /// One imbalance per draw (empty when there is no forward view).
        var draws: [Double]
    }

    /// One draw of the stock-flow rates, shared by every cell (the uncertainty is systematic).
    struct RateDraw {
        /// Multiplier of each exit cause, in `ExitComponent.allCases` order.
        var exitMultiplier: [Double]
        var graduateEntry, schoolLeaverEntry, returneeEntry, returneeDowngrading, immigrantEntry: Double
        var jobseekerAttachment, jobseekerAvailability: Double

        init(_ r: StockFlowRates) {
            exitMultiplier = [Double](repeating: 1, count: ExitComponent.allCases.count)
            (graduateEntry, schoolLeaverEntry) = (r.graduateEntry, r.schoolLeaverEntry)
            (returneeEntry, returneeDowngrading) = (r.returneeEntry, r.returneeDowngrading)
            (immigrantEntry, jobseekerAttachment, jobseekerAvailability) = (r.immigrantEntry, r.jobseekerAttachment, r.jobseekerAvailability)
        }

        /// The school-leaver share comes from its own stream (`leaverRng`), so that a panel
        /// without school leavers draws every other rate as it did before they were counted.
        init(_ r: StockFlowRates, rng: inout SeededGenerator, leaverRng: inout SeededGenerator) {
            self.init(r)
            for cause in exitMultiplier.indices { exitMultiplier[cause] = exp(r.exitRateSD * rng.normal() - 0.5 * r.exitRateSD * r.exitRateSD) }
            func beta(_ mean: Double, _ g: inout SeededGenerator) -> Double {
                guard mean > 0 && mean < 1 else { return mean }
                let a = Gamma.draw(shape: r.rateConcentration * mean, rng: &g)
                let b = Gamma.draw(shape: r.rateConcentration * (1 - mean), rng: &g)
                return a / (a + b)
            }
            graduateEntry = beta(r.graduateEntry, &rng); returneeEntry = beta(r.returneeEntry, &rng)
            returneeDowngrading = beta(r.returneeDowngrading, &rng); immigrantEntry = beta(r.immigrantEntry, &rng)
            jobseekerAttachment = beta(r.jobseekerAttachment, &rng); jobseekerAvailability = beta(r.jobseekerAvailability, &rng)
            schoolLeaverEntry = beta(r.schoolLeaverEntry, &leaverRng)
        }
    }

    let rates: StockFlowRates
    let rateDraws: [RateDraw]

    /// The panel measures that make up new supply.
    static let supplyMeasures = SupplyMeasure.all

    init(rates: StockFlowRates, draws: Int, seed: UInt64) {
        self.rates = rates
        var rng = SeededGenerator(seed: seed, stream: 2), leaverRng = SeededGenerator(seed: seed, stream: 11)
        rateDraws = (0..<draws).map { _ in RateDraw(rates, rng: &rng, leaverRng: &leaverRng) }
    }

    /// The balance of every cell from year index `k` over `horizon` years: future employment
    /// from the panel when the target year is observed (a realised balance), else from the
    /// forecast. Nil for cells without employment now or a view of the target year.
    /// - Parameter adjustments: a scenario's arrivals and exit-rate multipliers (national keys
    ///   summed already, `ForwardAdjustments.withNationalSums`).
    func compute(_ cells: [CellData], at k: Int, horizon: Int, firstYear: Int, lastYear: Int,
                 forecast: PanelForecast?, withDraws: Bool, adjustments: ForwardAdjustments? = nil) -> [Cell?] {
        guard horizon > 0 else { return [Cell?](repeating: nil, count: cells.count) }
        let targetYear = firstYear + k + horizon
        let central = RateDraw(rates)
        let exitScale = ExitComponent.allCases.map { adjustments?.exitMultiplier[$0] ?? 1 }
        let rateDraws = self.rateDraws, rates = self.rates
        // Each cell on its own (the draws were made in init): in parallel, in cell order.
        return parallelMap(cells.count) { c -> Cell? in
            let cell = cells[c]
            guard let now = cell.at("employment", k), now > 0 else { return nil }
            var point: Double
            var paths: [Double] = []
            if targetYear <= lastYear {
                guard let e = cell.at("employment", targetYear - firstYear) else { return nil }
                point = e
            } else if let f = forecast, let t = f.years.firstIndex(of: targetYear), let i = Self.seriesIndex(f, cell) {
                point = f.mean[t * f.seriesCount + i]
                if withDraws && f.pathCount > 0 {
                    let base = (i * f.years.count + t) * f.pathCount
                    paths = (0..<f.pathCount).map { Double(f.paths[base + $0]) }
                    // Re-centred on the point forecast, as the forecast intervals are: the paths
                    // carry the spread, the reconciled point stays the centre.
                    let shift = point - Quantile.median(paths)
                    paths = paths.map { max(0, $0 + shift) }
                }
            } else { return nil }
            if !point.isFinite { return nil }
            point = max(0, point)
            let bands = PanelSchema.ageBands.map { cell.at("employment_" + $0, k) }
            let byCause = ReplacementDemand.exits(bands: bands, employment: now, years: horizon, rates: rates)
            let exits = ExitComponent.allCases.map { byCause[$0]! }
            let inflow = (graduates: Self.recentMean(cell, "graduates", k), schoolLeavers: Self.recentMean(cell, "school_leavers", k),
                          returnees: Self.recentMean(cell, "returnees", k), immigrants: Self.recentMean(cell, "immigrants", k))
            let seekers = cell.at("jobseekers", k) ?? 0
            let extra = adjustments?.arrivals(region: cell.region, isco: cell.isco) ?? (graduates: 0, returnees: 0, immigrants: 0)
            func balance(_ future: Double, _ r: RateDraw) -> (openings: Double, replacement: Double, supply: Double, imbalance: Double) {
                var replacement = 0.0
                for cause in exits.indices { replacement += exits[cause] * r.exitMultiplier[cause] * exitScale[cause] }
                let openings = max(0, future - now + replacement)
                let supply = Double(horizon) * (inflow.graduates * r.graduateEntry + inflow.schoolLeavers * r.schoolLeaverEntry
                                                + inflow.returnees * r.returneeEntry * (1 - r.returneeDowngrading)
                                                + inflow.immigrants * r.immigrantEntry)
                    + seekers * r.jobseekerAttachment * r.jobseekerAvailability
                    + extra.graduates * r.graduateEntry + extra.returnees * r.returneeEntry * (1 - r.returneeDowngrading)
                    + extra.immigrants * r.immigrantEntry
                return (openings, replacement, supply, (openings - supply) / now)
            }
            let c = balance(point, central)
            var draws: [Double] = []
            if withDraws {
                draws = rateDraws.indices.map { d in balance(paths.isEmpty ? point : paths[d % paths.count], rateDraws[d]).imbalance }
            }
            return Cell(openings: c.openings, replacement: c.replacement, newSupply: c.supply, imbalance: c.imbalance, draws: draws)
        }
    }

    static func seriesIndex(_ f: PanelForecast, _ cell: CellData) -> Int? {
        let h = f.hierarchy
        guard let ga = h.a.nodes.firstIndex(where: { $0.code == cell.region }),
              let gb = h.b.nodes.firstIndex(where: { $0.code == cell.isco }) else { return nil }
        return h.series(ga, gb)
    }

    /// Mean yearly inflow over the last three years (0 when never observed).
    static func recentMean(_ cell: CellData, _ measure: String, _ k: Int) -> Double {
        let vals = (max(0, k - 2)...max(0, k)).compactMap { cell.at(measure, $0) }
        return vals.isEmpty ? 0 : vals.reduce(0, +) / Double(vals.count)
    }
}

/// Gamma draws (Marsaglia & Tsang 2000), for Beta and Dirichlet draws.
enum Gamma {
    static func draw(shape a: Double, rng: inout SeededGenerator) -> Double {
        if a < 1 {
            let u = max(rng.uniform(), 1e-300)
            return draw(shape: a + 1, rng: &rng) * pow(u, 1 / a)
        }
        let d = a - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat { x = rng.normal(); v = 1 + c * x } while v <= 0
            v = v * v * v
            let u = rng.uniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(max(u, 1e-300)) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }
}
