@testable import Forecasting
import Foundation
import LabourData
import LinearAlgebra
import MizanSupport
import Testing

/// The fast path machinery of a national forecast (issue 30) must give exactly what the plain
/// definitions give: these compare them value for value.
@Suite("Sample paths: prepared simulators and path ranks")
struct PathSimulatorTests {
    /// Every model kind on a trending series with a gap in its residuals, and a drawn index that
    /// falls outside them (the Gaussian fallback).
    static let y: [Double] = [100, 104, 103, 109, 112, 118, 117, 123, 127, 131, 130, 138]

    static func paths(_ model: BaseModel, indices: [Int], normals: [Double], prepared: Bool) -> [Double] {
        var out = [Double](repeating: 0, count: indices.count)
        indices.withUnsafeBufferPointer { ix in
            normals.withUnsafeBufferPointer { nz in
                out.withUnsafeMutableBufferPointer { o in
                    if prepared {
                        let sim = PathSimulator(model)
                        var scratch = [Double](repeating: .nan, count: sim.scratchCount(steps: ix.count))
                        scratch.withUnsafeMutableBufferPointer { sim.simulate(indices: ix, normals: nz, into: o, scratch: $0) }
                    } else {
                        model.simulate(indices: ix, normals: nz, into: o)
                    }
                }
            }
        }
        return out
    }

    /// A combination's path by its definition: each part on its own innovations (the position's
    /// value, or its σ times the normal where it has none), then the median step by step.
    static func byDefinition(_ parts: [BaseModel], indices: [Int], normals: [Double]) -> [Double] {
        let each = parts.map { part -> [Double] in
            let innov = part.innovations, sd = part.innovationSD
            let draws = indices.indices.map { k in
                let i = indices[k]
                return i >= 0 && i < innov.count && innov[i].isFinite ? innov[i] : sd * normals[k]
            }
            return part.simulate(draws.count) { draws[$0] }
        }
        return indices.indices.map { k in Quantile.median(each.map { $0[k] }) }
    }

    @Test("the default combination's prepared paths equal the median of its parts' paths, each on its own innovations")
    func defaultCombination() throws {
        let model = SeriesForecaster.fit(Self.y, model: .auto).model
        guard let combination = model as? Combination, combination.combiner == .median else { Issue.record("the default is a median combination"); return }
        let parts = combination.parts
        #expect(parts.count == 4)
        // Index 0 has no drift/naive residual (NaN), 40 is past every part's innovations.
        let indices = [3, 0, 40, 7, 11], normals = [0.3, -1.2, 0.8, 2.0, -0.4]
        let prepared = Self.paths(model, indices: indices, normals: normals, prepared: true)
        #expect(prepared == Self.byDefinition(parts, indices: indices, normals: normals))
        #expect(prepared == Self.paths(model, indices: indices, normals: normals, prepared: false))
        // The fallback step really used a normal: a different normal moves it.
        let moved = Self.paths(model, indices: indices, normals: [0.3, -1.2, -3.0, 2.0, -0.4], prepared: true)
        #expect(moved[2] != prepared[2] && moved[0] == prepared[0])
    }

    @Test("a combination nested in a combination simulates its parts on their own innovations too")
    func nested() {
        let drift = DriftModel.fit(Self.y), naive = NaiveModel.fit(Self.y)
        let theta = ThetaModel.fit(Self.y)!
        let inner: BaseModel = Combination([drift, theta], .mean)
        let outer: BaseModel = Combination([inner, naive, drift], .median)
        let indices = [2, 5, 40], normals = [0.5, -0.5, 1.5]
        let innerPath = Self.paths(inner, indices: indices, normals: normals, prepared: true)
        let naivePath = Self.byDefinition([naive], indices: indices, normals: normals)
        let driftPath = Self.byDefinition([drift], indices: indices, normals: normals)
        let expected = (0..<3).map { Quantile.median([innerPath[$0], naivePath[$0], driftPath[$0]]) }
        #expect(Self.paths(outer, indices: indices, normals: normals, prepared: true) == expected)
        let thetaPath = Self.byDefinition([theta], indices: indices, normals: normals)
        #expect(innerPath == (0..<3).map { (driftPath[$0] + thetaPath[$0]) / 2 })
    }

    @Test("path ranks (radix sort of value, tie key, index) equal a comparison sort of the same keys, ties and signs included")
    func rankOrderMatchesComparisonSort() {
        var rng = SeededGenerator(seed: 7)
        for trial in 0..<200 {
            let count = [1, 2, 17, 400, 1000][trial % 5]
            // Few distinct values (many ties), both signs, zero and negative zero.
            let values: [Float] = (0..<count).map { _ in
                let r = rng.next() % 9
                return r == 0 ? 0 : r == 1 ? -0.0 : Float(Int(r) - 5) * (trial % 2 == 0 ? 1.5 : 1e-30)
            }
            var order = [Int](repeating: 0, count: count), keys = [UInt64](repeating: 0, count: 2 * count)
            values.withUnsafeBufferPointer { PanelForecaster.rankOrder($0.baseAddress!, count, series: trial, step: 3, into: &order, keys: &keys) }
            let reference = (0..<count).map { p -> UInt64 in
                var bits = values[p].bitPattern
                bits = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
                return UInt64(bits) << 32 | (PanelForecaster.tieKey(p, series: trial, step: 3) & 0x7FFF) << 17 | UInt64(p)
            }.sorted().map { Int($0 & 0x1FFFF) }
            #expect(order == reference)
            #expect(zip(order, order.dropFirst()).allSatisfy { values[$0] <= values[$1] })
        }
    }
}
