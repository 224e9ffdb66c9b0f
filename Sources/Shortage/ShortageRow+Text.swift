import Foundation
import LabourData

extension ShortageRow {
    /// The reasons behind the line, in French or English, strongest first.
    public func reasons(_ language: Language, targetYear: Int) -> [String] {
        drivers.compactMap { ind in raw[ind].map { ind.formula.reason($0, french: language == .french, targetYear: targetYear) } }
    }
}

/// A number with a fixed number of decimals, with a decimal comma in French.
func format(_ x: Double, digits: Int, french: Bool) -> String {
    guard x.isFinite else { return "–" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let r = (abs(x) * scale).rounded()
    let whole = Int(r / scale), frac = Int(r) - whole * Int(scale)
    var s = (x < 0 && r > 0 ? "-" : "") + String(whole)
    if digits > 0 {
        let f = String(frac)
        s += (french ? "," : ".") + String(repeating: "0", count: digits - f.count) + f
    }
    return s
}

/// A share as a signed percentage with one decimal ("+3,2").
func signedPercent(_ x: Double, french: Bool) -> String {
    (x >= 0 ? "+" : "") + format(100 * x, digits: 1, french: french)
}
