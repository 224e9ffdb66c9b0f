import Foundation

/// O*NET occupation descriptors (U.S. Department of Labor, CC BY 4.0): for each O*NET-SOC
/// occupation, the importance and level of its 35 skills and 33 knowledge areas, read from the
/// O*NET database's `Skills.csv` and `Knowledge.csv`, and, when present, its expert list of
/// related occupations (`Related_Occupations.csv`). Read from a path, never bundled.
public struct ONET: Sendable {
    /// Descriptor names, "file element-id scale" (e.g. "Skills 2.A.1.a IM"), in a fixed order.
    public let descriptors: [String]
    /// Per O*NET-SOC code: one value per descriptor (0 where O*NET has none).
    public let profiles: [String: [Double]]
    /// Per O*NET-SOC code: its related occupations in O*NET's order (empty unless asked for and
    /// present).
    public let related: [String: [String]]

    static let descriptorFiles = ["Skills.csv", "Knowledge.csv"]
    static let relatedFile = "Related_Occupations.csv"

    /// Reads `Skills.csv` and `Knowledge.csv` (both required) from `directory`, and, when asked,
    /// `Related_Occupations.csv` (if present: only evaluations need it); a value that is not a
    /// number is reported as `file:line:column`.
    public static func load(directory: URL, relatedOccupations: Bool = false) throws(InputError) -> ONET {
        var values: [String: [String: Double]] = [:]
        var names = Set<String>()
        for name in descriptorFiles {
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw InputError(Diagnostic(file: directory.path, line: 0, column: 0, message: "no O*NET file \(name) in this folder"))
            }
            let t = try TextTable.read(contentsOf: url, required: ["o*net-soc code", "element id", "scale id", "data value"])
            let code = t.index("o*net-soc code"), element = t.index("element id"), scale = t.index("scale id"), value = t.index("data value")
            let file = String(name.dropLast(4))
            for (i, row) in t.rows.enumerated() {
                guard let v = Double(row[value]), v.isFinite else {
                    throw InputError(Diagnostic(file: url.path, line: t.lines[i], column: value + 1,
                                                message: "Data Value '\(row[value])' is not a number"))
                }
                let key = "\(file) \(row[element]) \(row[scale])"
                names.insert(key)
                values[row[code], default: [:]][key] = v
            }
        }
        let descriptors = names.sorted()
        let profiles = values.mapValues { v in descriptors.map { v[$0] ?? 0 } }
        var related: [String: [String]] = [:]
        let relUrl = directory.appendingPathComponent(relatedFile)
        if relatedOccupations && FileManager.default.fileExists(atPath: relUrl.path) {
            let t = try TextTable.read(contentsOf: relUrl, required: ["o*net-soc code", "related o*net-soc code"])
            let from = t.index("o*net-soc code"), to = t.index("related o*net-soc code")
            for row in t.rows { related[row[from], default: []].append(row[to]) }
        }
        return ONET(descriptors: descriptors, profiles: profiles, related: related)
    }
}

/// Which O*NET-SOC occupation each ESCO occupation corresponds to, from a crosswalk table with
/// the columns `concept_uri` (ESCO) and `onet_code` — Nesta's ESCO ↔ O*NET crosswalk has them.
public struct ESCOONETCrosswalk: Sendable {
    /// ESCO occupation index → O*NET-SOC code.
    public let onetCode: [Int: String]

    public init(onetCode: [Int: String]) { self.onetCode = onetCode }

    /// Reads the crosswalk; ESCO URIs not in `esco` are skipped (another ESCO version may have
    /// more or fewer occupations), codes must look like O*NET-SOC codes ("47-2121.00").
    public static func read(contentsOf url: URL, esco: ESCO) throws(InputError) -> ESCOONETCrosswalk {
        let t = try TextTable.read(contentsOf: url, required: ["concept_uri", "onet_code"])
        let uri = t.index("concept_uri"), code = t.index("onet_code")
        var map: [Int: String] = [:]
        for (i, row) in t.rows.enumerated() {
            let c = row[code]
            guard c.utf8.count == 10, c.utf8.enumerated().allSatisfy({ k, b in k == 2 ? b == 0x2D : k == 7 ? b == 0x2E : (0x30...0x39).contains(b) }) else {
                throw InputError(Diagnostic(file: url.path, line: t.lines[i], column: code + 1,
                                            message: "onet_code '\(c)' is not an O*NET-SOC code like 47-2121.00"))
            }
            if let o = esco.occupationIndex[row[uri]] { map[o] = c }
        }
        return ESCOONETCrosswalk(onetCode: map)
    }
}
