import Foundation

/// One typed reading of a TOML settings file, for every configuration Mizan reads (the outlook,
/// the shortage model, profiling, scenarios).
///
/// Each getter returns the value when it is there and right, nil when it is absent, and records a
/// located problem (`file:line:column`) when it is there but wrong — so a file's every mistake is
/// reported in one pass by `finish()`, worded the same way whichever file it is in.
public struct TOMLSettings {
    public let toml: SimpleTOML
    public private(set) var problems: [Diagnostic] = []
    /// How a key is named in messages: the full dotted key by default; a file of repeated tables
    /// (a scenario's `[[shock]]`, numbered `shock.1.kind` inside) names keys by their last part.
    public var keyName: (String) -> String = { $0 }

    public init(_ toml: SimpleTOML) { self.toml = toml }

    public init(text: String, file: String, arraysOfTables: Set<String> = [], inlineTables: Bool = false) throws(InputError) {
        self.init(try SimpleTOML(text: text, file: file, arraysOfTables: arraysOfTables, inlineTables: inlineTables))
    }

    /// A problem at `key`'s place in the file.
    public mutating func problem(_ key: String, _ message: String) { problems.append(toml.diagnostic(key, message)) }

    public func has(_ key: String) -> Bool { toml.values[key] != nil }

    /// Every key of the file not in `known` (nor under one of `prefixes`), refused with `hint`.
    public mutating func refuseUnknown(known: Set<String>, prefixes: [String] = [], hint: String) {
        for key in toml.values.keys.sorted() where !known.contains(key) && !prefixes.contains(where: { key.hasPrefix($0) }) {
            problem(key, "unknown setting '\(key)'; \(hint)")
        }
    }

    public mutating func string(_ key: String) -> String? {
        guard let v = toml.values[key] else { return nil }
        guard case .string(let s) = v else { problem(key, "\(keyName(key)) must be a \"string\""); return nil }
        return s
    }

    /// A number in `range`.
    public mutating func number(_ key: String, in range: ClosedRange<Double>) -> Double? {
        guard let v = toml.values[key] else { return nil }
        guard case .number(let x) = v else { problem(key, "\(keyName(key)) must be a number"); return nil }
        guard range.contains(x) else { problem(key, "\(keyName(key)) = \(x) is outside \(range.lowerBound)…\(range.upperBound)"); return nil }
        return x
    }

    /// A whole number in `range` (compared as a Double first: 1e20 or -inf are refused, not
    /// converted, which would trap).
    public mutating func int(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let v = toml.values[key] else { return nil }
        guard case .number(let x) = v, x == x.rounded(), x >= Double(range.lowerBound), x <= Double(range.upperBound) else {
            problem(key, "\(keyName(key)) must be a whole number in \(range.lowerBound)…\(range.upperBound)"); return nil
        }
        return Int(x)
    }

    public mutating func bool(_ key: String) -> Bool? {
        guard let v = toml.values[key] else { return nil }
        guard case .bool(let b) = v else { problem(key, "\(keyName(key)) is true or false"); return nil }
        return b
    }

    /// One of an enumeration's raw values.
    public mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) -> T? where T.RawValue == String {
        guard let v = toml.values[key] else { return nil }
        let list = T.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .string(let s) = v else { problem(key, "\(keyName(key)) is one of \(list)"); return nil }
        guard let value = T(rawValue: s) else { problem(key, "\(keyName(key)) is one of \(list) (found '\(s)')"); return nil }
        return value
    }

    /// A path, relative to `base` (the configuration's folder) unless absolute; nil when empty.
    public mutating func path(_ key: String, relativeTo base: URL) -> URL? {
        guard let s = string(key), !s.isEmpty else { return nil }
        return s.hasPrefix("/") ? URL(fileURLWithPath: s) : base.appendingPathComponent(s).standardizedFileURL
    }

    /// Throws every problem recorded (and `extra` ones), if any; in the order of their place in
    /// the file when `inFileOrder`.
    public func finish(_ extra: [Diagnostic] = [], inFileOrder: Bool = false) throws(InputError) {
        var all = problems + extra
        if inFileOrder { all.sort { ($0.line, $0.column) < ($1.line, $1.column) } }
        if !all.isEmpty { throw InputError(diagnostics: all) }
    }
}
