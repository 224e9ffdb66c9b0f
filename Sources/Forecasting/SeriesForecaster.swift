import Foundation

/// What was unusual about a series, reported next to its forecasts.
public struct SeriesFlags: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Missing years inside the series, filled by linear interpolation for fitting.
    public static let gaps = SeriesFlags(rawValue: 1)
    /// Fewer than 4 observations: naive or drift only.
    public static let short = SeriesFlags(rawValue: 2)
    /// Every value equal: forecast is that value, with no uncertainty.
    public static let constant = SeriesFlags(rawValue: 4)
    /// Every value zero.
    public static let zero = SeriesFlags(rawValue: 8)
    /// The requested model could not be fitted (e.g. too few points); a simpler one was used.
    public static let fallback = SeriesFlags(rawValue: 16)
    /// Only one observation.
    public static let singlePoint = SeriesFlags(rawValue: 32)

    public var description: String {
        var parts: [String] = []
        if contains(.gaps) { parts.append("gaps") }
        if contains(.short) { parts.append("short") }
        if contains(.singlePoint) { parts.append("single-point") }
        if contains(.constant) { parts.append("constant") }
        if contains(.zero) { parts.append("zero") }
        if contains(.fallback) { parts.append("fallback") }
        return parts.joined(separator: ";")
    }
}

/// Fits the chosen model to one yearly series, handling what real registers contain: gaps,
/// very short, constant and all-zero series. Never traps; every special case is flagged.
public enum SeriesForecaster {
    /// Linear interpolation of interior NaN; leading and trailing NaN are dropped.
    /// Returns the filled values, the offset of the first kept value, and whether gaps were filled.
    public static func fillGaps(_ values: [Double]) -> (values: [Double], offset: Int, filled: Bool) {
        guard let first = values.firstIndex(where: { $0.isFinite }),
              let last = values.lastIndex(where: { $0.isFinite }) else { return ([], 0, false) }
        var v = Array(values[first...last])
        var filled = false
        var i = 0
        while i < v.count {
            if v[i].isFinite { i += 1; continue }
            var j = i
            while !v[j].isFinite { j += 1 }
            let a = v[i - 1], b = v[j], span = Double(j - i + 1)
            for k in i..<j { v[k] = a + (b - a) * Double(k - i + 1) / span }
            filled = true
            i = j
        }
        return (v, first, filled)
    }

    /// Several models on the same series, sharing work: AutoETS fits all six ETS models once;
    /// when it (or the combination) is among the choices, the damped trend, SES,
    /// Holt and Theta read their ETS fit from that one pass (the same fits: additive models are
    /// fitted from the same start either way) instead of fitting it again: a backtest of
    /// AutoETS, damped trend and Theta fitted ETS(A,Ad,N) and ETS(A,N,N) twice at every origin.
    public static func fit(_ raw: [Double], models choices: [ModelChoice]) -> [(model: BaseModel, flags: SeriesFlags)] {
        let shared = choices.contains(.ets) || choices.contains(.combo) ? ETS.fitAll(fillGaps(raw).values) : nil
        // The combination is built in one place (`fit(_:model:ets:)`), from the same shared pass.
        return choices.map { fit(raw, model: $0, ets: shared) }
    }

    /// The default model: the median of drift, ETS(A,Ad,N), Theta and AutoETS, all read from one
    /// pass over the six ETS models (Theta's SES is ETS(A,N,N)). Below 10 points a damping
    /// cannot be estimated and the damped-trend slot holds the drift (a trend left undamped), as
    /// `--model damped` falls back to drift; this is the combination the evidence measured.
    static func defaultCombination(_ y: [Double]) -> BaseModel {
        let (best, fits) = ETS.fitAll(y)
        let drift = DriftModel.fit(y)
        var parts: [BaseModel] = [drift]
        parts.append(fits[ETSSpec(error: .additive, trend: .damped)].map { $0 as BaseModel } ?? drift)
        if let t = ThetaModel.fit(y, ses: fits[ETSSpec(error: .additive, trend: .none)]) { parts.append(t) }
        if let e = best { parts.append(e) }
        return parts.count == 1 ? parts[0] : Combination(parts, .median)
    }

    public static func fit(_ raw: [Double], model choice: ModelChoice) -> (model: BaseModel, flags: SeriesFlags) {
        fit(raw, model: choice, ets: nil)
    }

    /// `shared`: `ETS.fitAll` of the gap-filled series, already at hand.
    static func fit(_ raw: [Double], model choice: ModelChoice,
                    ets shared: (best: ETSFit?, fits: [ETSSpec: ETSFit])?) -> (model: BaseModel, flags: SeriesFlags) {
        let (y, _, filled) = fillGaps(raw)
        var flags: SeriesFlags = filled ? [.gaps] : []
        guard let last = y.last else { return (ConstantModel(value: 0), [.zero, .short]) }
        if y.count == 1 { return (ConstantModel(value: last), flags.union(last == 0 ? [.short, .singlePoint, .zero] : [.short, .singlePoint])) }
        if y.allSatisfy({ $0 == 0 }) { return (ConstantModel(value: 0), flags.union(.zero)) }
        if y.allSatisfy({ $0 == last }) { return (ConstantModel(value: last), flags.union(.constant)) }
        if y.count < 4 {
            flags.insert(.short)
            return (y.count >= 3 ? DriftModel.fit(y) : NaiveModel.fit(y), flags)
        }
        func orFallback(_ m: BaseModel?) -> BaseModel {
            if let m { return m }
            flags.insert(.fallback)
            return DriftModel.fit(y)
        }
        // One ETS specification: from the shared pass when there is one (it holds every
        // applicable model, so a missing one is a model that does not apply).
        func ets(_ error: ETSSpec.Error, _ trend: ETSSpec.Trend) -> ETSFit? {
            let spec = ETSSpec(error: error, trend: trend)
            return shared.map { $0.fits[spec] } ?? ETS.fit(y, spec)
        }
        switch choice {
        case .naive: return (NaiveModel.fit(y), flags)
        case .drift: return (DriftModel.fit(y), flags)
        case .loglinear: return (orFallback(LogLinearModel.fit(y)), flags)
        case .ses: return (orFallback(ets(.additive, .none).map { $0 as BaseModel }), flags)
        case .holt: return (orFallback(ets(.additive, .additive).map { $0 as BaseModel }), flags)
        case .damped: return (orFallback(ets(.additive, .damped).map { $0 as BaseModel }), flags)
        case .ets: return (orFallback((shared.map { $0.best } ?? ETS.auto(y)).map { $0 as BaseModel }), flags)
        case .auto: return (defaultCombination(y), flags)
        case .theta:
            if let shared { return (orFallback(shared.fits[ETSSpec(error: .additive, trend: .none)].flatMap { ThetaModel.fit(y, ses: $0) }), flags) }
            return (orFallback(ThetaModel.fit(y)), flags)
        case .arima: return (orFallback(ARIMA.auto(y).map { $0 as BaseModel }), flags)
        case .combo:
            var parts: [BaseModel] = [DriftModel.fit(y)]
            if let e = shared.map({ $0.best }) ?? ETS.auto(y) { parts.append(e) }
            if let t = shared.map({ $0.fits[ETSSpec(error: .additive, trend: .none)].flatMap { ThetaModel.fit(y, ses: $0) } })
                ?? ThetaModel.fit(y) { parts.append(t) }
            if parts.count < 3 { flags.insert(.fallback) }
            return (parts.count == 1 ? parts[0] : Combination(parts, .median), flags)
        }
    }
}
