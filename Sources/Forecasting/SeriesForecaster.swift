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

    /// Several models on the same series, sharing work: the combination reuses the AutoETS,
    /// Theta and drift fits instead of refitting them.
    public static func fit(_ raw: [Double], models choices: [ModelChoice]) -> [(model: BaseModel, flags: SeriesFlags)] {
        var cache: [ModelChoice: (model: BaseModel, flags: SeriesFlags)] = [:]
        func get(_ c: ModelChoice) -> (model: BaseModel, flags: SeriesFlags) {
            if let hit = cache[c] { return hit }
            let r: (model: BaseModel, flags: SeriesFlags)
            if c == .combo, case let (a, fa) = get(.ets), case .ets = a, case let (t, ft) = get(.theta), case .theta = t {
                let (d, fd) = get(.drift)
                r = (.combo([d, a, t], .median), fa.union(ft).union(fd))
            } else {
                r = fit(raw, model: c)
            }
            cache[c] = r
            return r
        }
        return choices.map(get)
    }

    /// The default model: the median of drift, ETS(A,Ad,N), Theta and AutoETS, all read from one
    /// pass over the six ETS models (Theta's SES is ETS(A,N,N)). Below 10 points a damping
    /// cannot be estimated and the damped-trend slot holds the drift (a trend left undamped), as
    /// `--model damped` falls back to drift; this is the combination the evidence measured.
    static func defaultCombination(_ y: [Double]) -> BaseModel {
        let (best, fits) = ETS.fitAll(y)
        let drift = SimpleModels.drift(y)
        var parts: [BaseModel] = [drift]
        parts.append(fits[ETSSpec(error: .additive, trend: .damped)].map { .ets($0) } ?? drift)
        if let t = SimpleModels.theta(y, ses: fits[ETSSpec(error: .additive, trend: .none)]) { parts.append(t) }
        if let e = best { parts.append(.ets(e)) }
        return parts.count == 1 ? parts[0] : .combo(parts, .median)
    }

    public static func fit(_ raw: [Double], model choice: ModelChoice) -> (model: BaseModel, flags: SeriesFlags) {
        let (y, _, filled) = fillGaps(raw)
        var flags: SeriesFlags = filled ? [.gaps] : []
        guard let last = y.last else { return (.constant(value: 0), [.zero, .short]) }
        if y.count == 1 { return (.constant(value: last), flags.union(last == 0 ? [.short, .singlePoint, .zero] : [.short, .singlePoint])) }
        if y.allSatisfy({ $0 == 0 }) { return (.constant(value: 0), flags.union(.zero)) }
        if y.allSatisfy({ $0 == last }) { return (.constant(value: last), flags.union(.constant)) }
        if y.count < 4 {
            flags.insert(.short)
            return (y.count >= 3 ? SimpleModels.drift(y) : SimpleModels.naive(y), flags)
        }
        func orFallback(_ m: BaseModel?) -> BaseModel {
            if let m { return m }
            flags.insert(.fallback)
            return SimpleModels.drift(y)
        }
        switch choice {
        case .naive: return (SimpleModels.naive(y), flags)
        case .drift: return (SimpleModels.drift(y), flags)
        case .loglinear: return (orFallback(SimpleModels.logLinear(y)), flags)
        case .ses: return (orFallback(ETS.fit(y, .init(error: .additive, trend: .none)).map { .ets($0) }), flags)
        case .holt: return (orFallback(ETS.fit(y, .init(error: .additive, trend: .additive)).map { .ets($0) }), flags)
        case .damped: return (orFallback(ETS.fit(y, .init(error: .additive, trend: .damped)).map { .ets($0) }), flags)
        case .ets: return (orFallback(ETS.auto(y).map { .ets($0) }), flags)
        case .auto: return (defaultCombination(y), flags)
        case .theta: return (orFallback(SimpleModels.theta(y)), flags)
        case .arima: return (orFallback(ARIMA.auto(y).map { .arima($0) }), flags)
        case .combo:
            var parts: [BaseModel] = [SimpleModels.drift(y)]
            if let e = ETS.auto(y) { parts.append(.ets(e)) }
            if let t = SimpleModels.theta(y) { parts.append(t) }
            if parts.count < 3 { flags.insert(.fallback) }
            return (parts.count == 1 ? parts[0] : .combo(parts, .median), flags)
        }
    }
}
