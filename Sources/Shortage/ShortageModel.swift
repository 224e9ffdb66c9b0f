import Forecasting
import Foundation
import LabourData
import MizanSupport

public enum ShortageModelError: Error, CustomStringConvertible {
    case badYear(String)
    case noCells(String)
    case badInput(String)
    public var description: String {
        switch self { case .badYear(let s), .noCells(let s), .badInput(let s): return s }
    }
}

/// The shortage judgement, as named stages: panel cells → registry coverage → present indicators
/// → forward balance → standardisation → calibration on past lists → scores and probabilities →
/// ranks → rows with reasons.
public struct ShortageModel: Sendable {
    public let config: ShortageConfig
    public init(config: ShortageConfig = .init()) { self.config = config }

    /// The list made in `year` about `year + horizon`.
    /// - Parameters:
    ///   - forecast: the employment forecast, needed when the target year is past the panel.
    ///   - sex: "female" or "male" to use the `_female`/`_male` measures where they exist.
    ///   - graduates: graduates by "region/isco" and year (`GraduateMapping`), replacing the
    ///     panel's `graduates` column.
    ///   - labelsThrough: last year whose labels may be used (default `year`: what is known when
    ///     the list is made; an evaluation passes an earlier year).
    ///   - features: the indicators of the calibrated model (default: all that apply), with a
    ///     level per region unless `features` is given (a plain baseline such as tension alone).
    ///   - adjustments: a scenario's arrivals and exit multipliers; `forecast` is then the
    ///     scenario's, and the indicators keep the baseline's scale (`ForwardAdjustments`).
    public func list(panel: Panel, year: Int, horizon: Int, forecast: PanelForecast?, sex: String? = nil,
                     graduates: [String: [Int: Double]]? = nil, labelsThrough: Int? = nil,
                     features: [Indicator]? = nil, adjustments: ForwardAdjustments? = nil) throws -> ShortageList {
        let prepared = try prepare(panel: panel, year: year, horizon: horizon, scale: adjustments.map { $0.baseline } ?? forecast, sex: sex,
                                   graduates: graduates, labelsThrough: labelsThrough, features: features)
        return try list(prepared, forecast: forecast, adjustments: adjustments)
    }

    /// Everything of a list that does not depend on the forecast it is made with: the cells,
    /// present indicators, their scale (with the imbalance of `scale`, the baseline's forecast)
    /// and the calibration on past lists. A scenario run prepares once and makes its baseline,
    /// its scenario and each shock alone from the same preparation.
    public func prepare(panel: Panel, year: Int, horizon: Int, scale: PanelForecast?, sex: String? = nil,
                        graduates: [String: [Int: Double]]? = nil, labelsThrough: Int? = nil,
                        features: [Indicator]? = nil) throws -> PreparedList {
        guard let first = panel.firstYear, let last = panel.lastYear, year >= first, year <= last else {
            throw ShortageModelError.badYear("year \(year) is outside the panel (\(panel.firstYear ?? 0)–\(panel.lastYear ?? 0))")
        }
        if let problem = Horizon.listProblem(horizon) { throw ShortageModelError.badYear(problem) }
        var cells = PanelCells.build(panel, sex: sex)
        if let graduates { PanelCells.applyGraduates(graduates, to: &cells, firstYear: first, lastYear: last) }
        guard !cells.isEmpty else { throw ShortageModelError.noCells("the panel has no region × occupation cells with employment") }
        let k = year - first
        guard cells.contains(where: { $0.at("employment", k) != nil }) else {
            throw ShortageModelError.badYear("the panel has no employment in \(year)")
        }

        let coverage = RegistryCoverage.estimate(cells, at: k)
        let values = Standardisation.presentValues(cells, at: k, coverage: coverage)
        let balance = ForwardBalance(rates: config.rates, draws: max(1, config.draws), seed: config.seed)
        // Which sides of the balance the panel observes: without any supply measure there is no
        // balance to speak of (openings are still shown, the imbalance and p_forward are not).
        let supplyObserved = ForwardBalance.supplyMeasures.filter { m in cells.contains { $0.series[m]?.contains(where: \.isFinite) == true } }
        var signals = Standardisation.signals(values, cells)
        // The scale: the pooled median and MAD of the balance made with `scale`.
        let scaleBalance = balance.compute(cells, at: k, horizon: horizon, firstYear: first, lastYear: last, forecast: scale, withDraws: true)
        if !supplyObserved.isEmpty { for c in cells.indices { if let f = scaleBalance[c] { signals[c][.imbalance] = f.imbalance } } }
        let standardisation = Standardisation(signals: signals, cells: cells)

        let wanted = features ?? (horizon > 0 ? Indicator.allCases : Indicator.present)
        var calibration: ListCalibration?
        var note: String?
        switch try ListCalibration.fit(cells: cells, cutoff: labelsThrough ?? year, horizon: horizon, firstYear: first, lastYear: last,
                                       standardisation: standardisation, balance: balance, features: wanted, regionEffects: features == nil, penalty: config.penalty) {
        case .success(let c): calibration = c
        case .failure(let why):
            note = !panel.measures.contains(PanelSchema.shortageLabel)
                ? "the panel has no past shortage lists (an \(PanelSchema.shortageLabel) column)"
                : why.labelled == 0
                ? "no labelled list up to \(labelsThrough ?? year) with \(horizon) years of panel before it"
                : "too few labelled cells to learn from (\(why.labelled), \(why.positives) in shortage; need \(ListCalibration.minimumObservations), \(ListCalibration.minimumPerClass) of each kind)"
        }
        return PreparedList(year: year, horizon: horizon, firstYear: first, lastYear: last, cells: cells, coverage: coverage, values: values,
                            signals: signals, standardisation: standardisation, balance: balance, scaleForecast: scale, scaleBalance: scaleBalance,
                            supplyObserved: supplyObserved, calibration: calibration, calibrationNote: note)
    }

    /// The list made from a preparation with `forecast` (and a scenario's `adjustments`).
    public func list(_ p: PreparedList, forecast: PanelForecast?, adjustments: ForwardAdjustments? = nil) throws -> ShortageList {
        let (cells, k, horizon) = (p.cells, p.year - p.firstYear, p.horizon)
        var signals = p.signals
        let sameAsScale = !(adjustments?.changesSupplyOrExits ?? false) && forecast.map { f in p.scaleForecast.map { $0.mean == f.mean && $0.paths == f.paths } ?? false } ?? (p.scaleForecast == nil)
        let computed = sameAsScale ? p.scaleBalance
            : p.balance.compute(cells, at: k, horizon: horizon, firstYear: p.firstYear, lastYear: p.lastYear, forecast: forecast, withDraws: true,
                                adjustments: adjustments?.withNationalSums(total: Regions.total))
        let forward = p.supplyObserved.isEmpty ? computed.map { _ in nil } : computed
        if !sameAsScale && !p.supplyObserved.isEmpty { for c in cells.indices { if let f = forward[c] { signals[c][.imbalance] = f.imbalance } } }
        let standardisation = p.standardisation
        let values = p.values, coverage = p.coverage, calibration = p.calibration, supplyObserved = p.supplyObserved, year = p.year
        let z = signals.map { standardisation.z($0) }
        let regions = cells.map(\.region)
        let weights = calibration == nil ? Scoring.compositeWeights(z: z, regions: regions, config: config) : [:]
        let scores = try Scoring.score(z: z, regions: regions, forward: forward, standardisation: standardisation, calibration: calibration,
                                       compositeWeights: weights, config: config)
        let ranks = Ranking.rank(cells, scores)
        let basis: ShortageBasis = calibration.map { .lists($0.years) } ?? (horizon > 0 ? .forwardBalance(threshold: config.threshold) : .none)

        var rows: [ShortageRow] = []
        rows.reserveCapacity(cells.count)
        for (c, cell) in cells.enumerated() {
            var raw = values[c]
            let f = forward[c], demand = computed[c]
            if let f { raw[.imbalance] = f.imbalance }
            let imbalanceDraws = (f?.draws ?? []).sorted()
            let drivers = scores[c].contributions.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.prefix(3).map(\.0)
            rows.append(ShortageRow(
                region: cell.region, isco: cell.isco, score: scores[c].score, rank: ranks[c].rank,
                rankLow: ranks[c].low, rankHigh: ranks[c].high, rankNational: ranks[c].national,
                pShortage: calibration != nil || horizon > 0 ? scores[c].p : nil,
                basis: scores[c].p == nil && calibration == nil ? .none : basis, pForward: scores[c].pForward,
                tensionRatio: values[c][.tension], coverage: coverage[cell.region] ?? 1, employment: cell.at("employment", k) ?? .nan,
                openings: demand?.openings, replacement: demand?.replacement, newSupply: f?.newSupply, imbalance: f?.imbalance,
                imbalanceLow: imbalanceDraws.isEmpty ? nil : Quantile.quantile(imbalanceDraws, 0.05),
                imbalanceHigh: imbalanceDraws.isEmpty ? nil : Quantile.quantile(imbalanceDraws, 0.95),
                z: z[c], raw: raw, drivers: Array(drivers), supplyObserved: supplyObserved))
        }
        rows.sort { ($0.region == Regions.total ? "" : $0.region, $0.rank, $0.isco) < ($1.region == Regions.total ? "" : $1.region, $1.rank, $1.isco) }
        var list = ShortageList(rows: rows, listYear: year, targetYear: Horizon.targetYear(listYear: year, years: horizon), calibration: calibration,
                                calibrationNote: p.calibrationNote, supplyObserved: supplyObserved)
        if calibration == nil { list.compositeWeights = weights }
        if adjustments != nil {
            for (c, cell) in cells.enumerated() { if let f = forward[c] { list.imbalanceDraws["\(cell.region)/\(cell.isco)"] = f.draws } }
        }
        return list
    }

    /// The rows of `list(…)`.
    public func rank(panel: Panel, year: Int, horizon: Int, forecast: PanelForecast?, sex: String? = nil,
                     graduates: [String: [Int: Double]]? = nil) throws -> [ShortageRow] {
        try list(panel: panel, year: year, horizon: horizon, forecast: forecast, sex: sex, graduates: graduates).rows
    }
}

/// Indicator formulas, public for planners' own checks and tests.
public enum Indicators {
    /// Vacancies per job seeker (with none registered: per half a job seeker).
    public static func tension(vacancies: Double?, jobseekers: Double?) -> Double? { Tension.ratio(vacancies: vacancies, jobseekers: jobseekers) }
    /// log(x / mean of past values).
    public static func logChange(_ x: Double, _ past: [Double]) -> Double? { TensionChange.logChange(x, past) }
    /// Annualised growth over up to `years` years.
    public static func annualGrowth(_ s: [Double], at k: Int, years: Int) -> Double? { EmploymentGrowth.annualGrowth(s, at: k, years: years) }
}
