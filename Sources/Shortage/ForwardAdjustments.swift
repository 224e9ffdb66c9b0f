import Forecasting
import Foundation

/// What a scenario changes in the forward balance besides employment (which it changes through
/// the forecast): arrivals over the horizon that enter new supply with the supply model's entry
/// rates, and multipliers of the exit rates (replacement demand).
///
/// The list made with adjustments keeps the baseline's indicator scale (`baseline`): a cell the
/// scenario does not touch keeps its score and p_shortage, and a cell it touches moves only by
/// what the scenario did to it — not because the pooled median and MAD of every cell moved.
public struct ForwardAdjustments: Sendable {
    /// The baseline forecast, whose forward balance sets the indicators' scale.
    public var baseline: PanelForecast?
    /// Extra people over the horizon by cell ("region/isco"; national cells are summed from the
    /// regions): graduates (entering with `graduateEntry`), returnees (`returneeEntry` × (1 −
    /// `returneeDowngrading`)), immigrants (`immigrantEntry`).
    public var graduates: [String: Double] = [:]
    public var returnees: [String: Double] = [:]
    public var immigrants: [String: Double] = [:]
    /// Multiplier of each exit cause's rates (1 where absent).
    public var exitMultiplier: [ExitComponent: Double] = [:]

    public init(baseline: PanelForecast?) { self.baseline = baseline }

    /// Nothing changed besides the forecast.
    public var changesSupplyOrExits: Bool {
        !graduates.isEmpty || !returnees.isEmpty || !immigrants.isEmpty || exitMultiplier.values.contains { $0 != 1 }
    }

    /// Arrivals of the cell (national cells: the sum over regions).
    func arrivals(region: String, isco: String) -> (graduates: Double, returnees: Double, immigrants: Double) {
        let key = "\(region)/\(isco)"
        return (graduates[key] ?? 0, returnees[key] ?? 0, immigrants[key] ?? 0)
    }

    /// The same arrivals with national cells ("TOTAL/isco") summed over the regions.
    func withNationalSums(total: String) -> ForwardAdjustments {
        var out = self
        for path in [\ForwardAdjustments.graduates, \.returnees, \.immigrants] {
            var national: [String: Double] = [:]
            for (key, v) in self[keyPath: path] where !key.hasPrefix(total + "/") {
                national[total + "/" + String(key.split(separator: "/").last ?? ""), default: 0] += v
            }
            out[keyPath: path].merge(national) { _, sum in sum }
        }
        return out
    }
}
