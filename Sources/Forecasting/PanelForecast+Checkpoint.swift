import Foundation
import LabourData

/// A forecast saved to disk with its reconciled sample paths, so an interrupted outlook can
/// resume without refitting. The hierarchy is not stored: it is rebuilt from the panel, whose
/// hash the caller checks before restoring (a checkpoint of another panel is refused).
///
/// Layout: `MZFC1\n`, a JSON header line (names, flags, shapes), then the little-endian arrays
/// mean, lower…, upper… (Float64) and paths (Float32).
extension PanelForecast {
    public func checkpoint() throws -> [UInt8] {
        let header: [String: Any] = [
            "measure": measure, "years": years, "levels": levels, "reconciliation": reconciliation.rawValue,
            "warnings": warnings, "models": modelNames, "flags": flags.map(\.rawValue),
            "series": seriesCount, "paths": pathCount, "lambda": lambda ?? NSNull(),
            "ownCalibration": ownCalibration.map { c -> [String: Any] in
                ["origins": c.origins, "series": c.seriesCount, "errors": c.errorCount, "factors": c.factors.map { $0 ?? [] }]
            } ?? NSNull(),
        ]
        var out = Array("MZFC1\n".utf8)
        out += Array(try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
        out.append(0x0A)
        func append<T>(_ a: [T]) { a.withUnsafeBytes { out += $0 } }
        append(mean)
        for l in lower { append(l) }
        for u in upper { append(u) }
        append(paths)
        return out
    }

    public static func restore(checkpoint bytes: [UInt8], panel: Panel) throws -> PanelForecast {
        let bad = PanelForecastError.badOption("the forecast checkpoint is damaged or from another Mizan version")
        guard bytes.count > 6, Array(bytes[0..<6]) == Array("MZFC1\n".utf8),
              let nl = bytes[6...].firstIndex(of: 0x0A),
              let h = try? JSONSerialization.jsonObject(with: Data(bytes[6..<nl])) as? [String: Any],
              let measure = h["measure"] as? String, let years = h["years"] as? [Int], let levels = h["levels"] as? [Double],
              let rec = (h["reconciliation"] as? String).flatMap(ReconciliationMethod.init(rawValue:)),
              let warnings = h["warnings"] as? [String], let models = h["models"] as? [String],
              let flags = h["flags"] as? [Int], let n = h["series"] as? Int, let P = h["paths"] as? Int
        else { throw bad }
        let hierarchy = PanelHistory(panel.series(measure)).hierarchy
        let H = years.count, L = levels.count
        guard hierarchy.seriesCount == n, models.count == n, flags.count == n else { throw bad }
        var own: PanelCalibration?
        if let c = h["ownCalibration"] as? [String: Any] {
            guard let origins = c["origins"] as? [Int], let series = c["series"] as? Int, let errors = c["errors"] as? Int,
                  let factors = c["factors"] as? [[[Double]]], factors.count == 2,
                  factors.allSatisfy({ $0.allSatisfy { $0.count == IntervalCalibration.probabilities.count } }) else { throw bad }
            own = PanelCalibration(origins: origins, seriesCount: series, errorCount: errors, factors: factors.map { $0.isEmpty ? nil : $0 })
        }
        var offset = nl + 1
        func take<T>(_ count: Int, _: T.Type) throws -> [T] {
            let size = count * MemoryLayout<T>.stride
            guard offset + size <= bytes.count else { throw bad }
            let a = [T](unsafeUninitializedCapacity: count) { buf, done in
                bytes.withUnsafeBytes { src in
                    UnsafeMutableRawBufferPointer(buf).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<offset + size]))
                }
                done = count
            }
            offset += size
            return a
        }
        let mean = try take(n * H, Double.self)
        let lower = try (0..<L).map { _ in try take(n * H, Double.self) }
        let upper = try (0..<L).map { _ in try take(n * H, Double.self) }
        let paths = try take(n * H * P, Float.self)
        guard offset == bytes.count else { throw bad }
        return PanelForecast(hierarchy: hierarchy, measure: measure, years: years, levels: levels, reconciliation: rec,
                             warnings: warnings, modelNames: models, flags: flags.map(SeriesFlags.init(rawValue:)),
                             mean: mean, lower: lower, upper: upper, paths: paths, pathCount: P,
                             lambda: h["lambda"] as? Double, ownCalibration: own, timings: [("restored from checkpoint", 0)])
    }
}
