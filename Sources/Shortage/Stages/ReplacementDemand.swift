import LabourData

/// Replacement demand: workers who leave an occupation and must be replaced, as Cedefop and BLS
/// count it beside expansion demand. The cell's age bands are carried forward year by year
/// (cohort ageing: a tenth of 15–24 becomes 25–54 each year, and so on), and each year every band
/// loses its exits by cause: retirement, mortality, emigration and net moves to other occupations.
public enum ReplacementDemand {
    /// Exits by cause over `years` years from `bands` (employment by `PanelSchema.ageBands`,
    /// scaled to `employment` when they do not add up), without new entrants.
    public static func exits(bands: [Double?], employment: Double, years: Int, rates: StockFlowRates) -> [ExitComponent: Double] {
        var result = Dictionary(uniqueKeysWithValues: ExitComponent.allCases.map { ($0, 0.0) })
        let known = bands.compactMap { $0 }.filter(\.isFinite)
        let covered = known.reduce(0, +)
        guard bands.count == PanelSchema.ageBands.count, known.count == bands.count, covered > 0 else {
            // No age structure: the default rate on a shrinking stock, split over the causes as
            // the default profile splits a prime-age worker's exits.
            let total = employment * (1 - pow1m(rates.defaultExitRate, years))
            let prime = ExitComponent.allCases.map { rates.exits[$0]![1] }
            let sum = prime.reduce(0, +)
            for (k, cause) in ExitComponent.allCases.enumerated() {
                result[cause] = sum > 0 ? total * prime[k] / sum : total / Double(prime.count)
            }
            return result
        }
        var stock = bands.map { $0! * employment / covered }
        for _ in 0..<years {
            for b in stock.indices {
                for cause in ExitComponent.allCases {
                    result[cause]! += stock[b] * rates.exits[cause]![b]
                }
            }
            let totalRate = stock.indices.map { b in ExitComponent.allCases.reduce(0) { $0 + rates.exits[$1]![b] } }
            var next = stock
            for b in stock.indices { next[b] = stock[b] * max(0, 1 - totalRate[b]) }
            for b in stride(from: stock.count - 2, through: 0, by: -1) {
                let moving = next[b] * rates.ageing[b]
                next[b] -= moving
                next[b + 1] += moving
            }
            stock = next
        }
        return result
    }

    /// (1 − r)^n.
    static func pow1m(_ r: Double, _ n: Int) -> Double {
        var x = 1.0
        for _ in 0..<n { x *= 1 - r }
        return x
    }
}
