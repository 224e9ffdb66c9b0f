import Foundation

/// One NIST StRD linear least-squares problem, read from its `.dat` file: the data, the model
/// (parameters B0…Bk, polynomial in one predictor or linear in several) and the certified values.
public struct NISTDataset: Sendable {
    public let name: String
    public let y: [Double]
    /// Predictor columns, as in the file.
    public let predictors: [[Double]]
    public let parameterNames: [String]
    public let certifiedEstimates: [Double]
    public let certifiedStandardDeviations: [Double]
    public let certifiedResidualSD: Double
    public let certifiedRSquared: Double

    public var hasIntercept: Bool { parameterNames.first == "B0" }

    /// The design matrix columns: an intercept when the model has B0, then either powers of the
    /// single predictor (polynomial class) or the predictors themselves.
    public var designColumns: [[Double]] {
        var cols: [[Double]] = []
        if hasIntercept { cols.append([Double](repeating: 1, count: y.count)) }
        let slopes = parameterNames.count - (hasIntercept ? 1 : 0)
        if predictors.count == 1 {
            let x = predictors[0]
            for power in 1...slopes { cols.append(x.map { pow($0, Double(power)) }) }
        } else {
            cols.append(contentsOf: predictors)
        }
        return cols
    }

    public init(contentsOf url: URL) throws {
        name = url.deletingPathExtension().lastPathComponent
        let text = try String(contentsOf: url, encoding: .utf8)
        // The files have CRLF endings, and Swift treats "\r\n" as one Character: split on isNewline.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        func numbers(_ line: String) -> [Double]? {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            let values = parts.compactMap { Double($0) }
            return values.count == parts.count && !values.isEmpty ? values : nil
        }
        var names: [String] = [], est: [Double] = [], sd: [Double] = []
        var resSD = Double.nan, r2 = Double.nan
        var dataStart: Int?
        var predictorCount = 0
        for (i, line) in lines.enumerated() {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count == 3, parts[0].hasPrefix("B"), Int(parts[0].dropFirst()) != nil,
               let e = Double(parts[1]), let s = Double(parts[2]) {
                names.append(String(parts[0])); est.append(e); sd.append(s)
            } else if line.hasPrefix("Standard Deviation"), let v = parts.last.flatMap({ Double($0) }) {
                resSD = v
            } else if line.hasPrefix("R-Squared"), let v = parts.last.flatMap({ Double($0) }) {
                r2 = v
            } else if line.hasPrefix("Data:"), parts.count >= 3, parts[1] == "y" {
                dataStart = i + 1
                predictorCount = parts.count - 2
            }
        }
        guard let start = dataStart, !names.isEmpty, resSD.isFinite, r2.isFinite else {
            throw NISTParseError(file: url.path, message: "certified block or data header not found")
        }
        var ys: [Double] = []
        var xs = [[Double]](repeating: [], count: predictorCount)
        for line in lines[start...] where !line.isEmpty {
            guard let v = numbers(line), v.count == predictorCount + 1 else {
                throw NISTParseError(file: url.path, message: "bad data line: \(line)")
            }
            ys.append(v[0])
            for k in 0..<predictorCount { xs[k].append(v[k + 1]) }
        }
        y = ys; predictors = xs; parameterNames = names
        certifiedEstimates = est; certifiedStandardDeviations = sd
        certifiedResidualSD = resSD; certifiedRSquared = r2
    }
}

public struct NISTParseError: Error, CustomStringConvertible {
    public let file: String, message: String
    public var description: String { "\(file): \(message)" }
}
