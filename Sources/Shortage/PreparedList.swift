import Forecasting
import Foundation
import LabourData

/// What `ShortageModel.prepare` computes once for lists that differ only by their forecast:
/// the cells, their present indicators, the indicators' scale and the calibration on past lists.
public struct PreparedList: Sendable {
    public let year: Int
    public let horizon: Int
    let firstYear: Int, lastYear: Int
    let cells: [CellData]
    let coverage: [String: Double]
    let values: [[Indicator: Double]]
    /// Signals with the imbalance of the scale forecast.
    let signals: [[Indicator: Double]]
    let standardisation: Standardisation
    let balance: ForwardBalance
    let scaleForecast: PanelForecast?
    let scaleBalance: [ForwardBalance.Cell?]
    let supplyObserved: [String]
    let calibration: ListCalibration?
    let calibrationNote: String?
}
