import Foundation

/// Real yearly series from outside the project, for choosing models and calibrating intervals:
/// the 756 M3 quarterly series and the 304 Australian tourism series summed over calendar years.
public enum YearlySeries {
    /// M3 quarterly series summed over complete calendar years (a year counts only when all four
    /// quarters are present), in series-id order.
    public static func m3() throws -> [(id: String, values: [Double])] {
        let text = try String(contentsOf: SharedData.dataset("m3-quarterly/M3_quarterly_TSTS.csv"), encoding: .utf8)
        var order: [String] = []
        var quarters: [String: [(year: Int, value: Double)]] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            // "Q1","MICRO",3142.63,"1984-Q1"
            let f = line.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"\r")) }
            guard f.count == 4, let v = Double(f[2]), let year = Int(f[3].prefix(4)) else { continue }
            if quarters[f[0]] == nil { order.append(f[0]); quarters[f[0]] = [] }
            quarters[f[0]]!.append((year, v))
        }
        return order.map { id in
            var sums: [Int: (Double, Int)] = [:]
            for q in quarters[id]! { let s = sums[q.year] ?? (0, 0); sums[q.year] = (s.0 + q.value, s.1 + 1) }
            let years = sums.keys.filter { sums[$0]!.1 == 4 }.sorted()
            return (id, years.map { sums[$0]!.0 })
        }
    }

    /// The 304 bottom series of Australian domestic tourism (visitor nights), summed over the
    /// calendar years 1998–2016.
    public static func tourism() throws -> [[Double]] {
        let text = try String(contentsOf: SharedData.dataset("tourism-hierarchy/TourismData_v3.csv"), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline)
        let width = lines[0].split(separator: ",").count - 2
        var sums = [[Double]](repeating: [], count: width)
        for (m, line) in lines.dropFirst().enumerated() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            if m % 12 == 0 { for j in 0..<width { sums[j].append(0) } }
            for j in 0..<width { sums[j][sums[j].count - 1] += Double(f[j + 2]) ?? 0 }
        }
        return sums
    }
}
