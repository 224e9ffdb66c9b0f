import Foundation
import GRDB
import LabourData

/// Every published outlook, kept in one SQLite file so this year's can be compared with last
/// year's and an old one scored against what happened (as BLS evaluates its projections).
///
/// A vintage holds the manifest (configuration, input hashes, seed), the forecasts of every
/// series with the last observed value they started from, and the ranked shortage lists now and
/// at the horizon, with their reasons. Vintage ids are `<base year>-<n>`, numbered in order of
/// recording; recording the same outlook twice (same inputs and configuration) returns the
/// existing vintage instead of a copy.
public final class VintageStore {
    let db: DatabaseQueue

    public struct Vintage: Sendable, Equatable {
        public var id: String
        public var recorded: String
        public var baseYear: Int
        public var horizon: Int
        public var panelSHA256: String
        public var configSHA256: String
        public var shortageRows: Int
        public var forecastRows: Int
        /// The scenario's name when the vintage is a `mizan scenario` bundle (nil: an outlook).
        public var scenario: String? = nil
    }

    public init(path: URL) throws {
        try OutputFolder.make(path.deletingLastPathComponent())
        db = try DatabaseQueue(path: path.path)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE vintage (
                  id TEXT PRIMARY KEY, recorded TEXT NOT NULL, base_year INTEGER NOT NULL, horizon INTEGER NOT NULL,
                  panel_sha256 TEXT NOT NULL, config_sha256 TEXT NOT NULL, run_key TEXT NOT NULL UNIQUE,
                  config TEXT NOT NULL, manifest TEXT NOT NULL);
                CREATE TABLE forecast (
                  vintage TEXT NOT NULL REFERENCES vintage(id) ON DELETE CASCADE, region TEXT NOT NULL, isco TEXT NOT NULL,
                  year INTEGER NOT NULL, mean REAL NOT NULL, lo REAL, hi REAL,
                  PRIMARY KEY (vintage, region, isco, year));
                CREATE TABLE shortage (
                  vintage TEXT NOT NULL REFERENCES vintage(id) ON DELETE CASCADE, list TEXT NOT NULL, region TEXT NOT NULL,
                  isco TEXT NOT NULL, title TEXT NOT NULL, rank INTEGER NOT NULL, score REAL NOT NULL,
                  p_shortage REAL, reasons TEXT NOT NULL,
                  PRIMARY KEY (vintage, list, region, isco));
                """)
        }
        try migrator.migrate(db)
    }

    /// Records the bundle written by `mizan outlook` in `bundle`; returns the new vintage id.
    @discardableResult
    public func record(bundle: URL, now: Date = Date()) throws -> (id: String, isNew: Bool) {
        let manifestURL = bundle.appendingPathComponent("manifest.json")
        guard let md = FileManager.default.contents(atPath: manifestURL.path),
              let m = try? JSONSerialization.jsonObject(with: md) as? [String: Any],
              let year = m["year"] as? Int, let horizon = m["horizon"] as? Int, let config = m["config"] as? String,
              let inputs = m["input_sha256"] as? [String: String], let panelHash = inputs["panel"]
        else { throw VintageError("\(manifestURL.path): not an outlook manifest") }
        let configHash = SHA256.hex(Data(config.utf8))
        let runKey = SHA256.hex(Data((inputs.keys.sorted().map { "\($0)=\(inputs[$0]!)" } + [config]).joined(separator: "\n").utf8))

        // The bundle is Mizan's own output: TextTable checks the header and the field counts and
        // reports file:line:column, as for any other input.
        let f = try TextTable.read(contentsOf: bundle.appendingPathComponent("forecasts.csv"), required: ["region", "isco", "year", "mean"])
        let (fr, fi, fy, fm) = (f.index("region"), f.index("isco"), f.index("year"), f.index("mean"))
        let flo = f.columns.firstIndex(of: "lo95") ?? f.columns.firstIndex { $0.hasPrefix("lo") }
        let fhi = f.columns.firstIndex(of: "hi95") ?? f.columns.firstIndex { $0.hasPrefix("hi") }
        let shortageColumns = ["region", "isco", "title", "rank", "score", "p_shortage", "reasons"]
        var lists: [(String, TextTable)] = []
        for (list, name) in [("now", "shortages_now.csv"), ("horizon", "shortages.csv")] {
            let u = bundle.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: u.path) { lists.append((list, try TextTable.read(contentsOf: u, required: shortageColumns))) }
        }
        let stamp = ISO8601DateFormatter().string(from: now)
        return try db.write { db -> (String, Bool) in
            if let existing = try String.fetchOne(db, sql: "SELECT id FROM vintage WHERE run_key = ?", arguments: [runKey]) {
                return (existing, false)
            }
            let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM vintage WHERE base_year = ?", arguments: [year]) ?? 0
            let id = "\(year)-\(n + 1)"
            try db.execute(sql: "INSERT INTO vintage VALUES (?,?,?,?,?,?,?,?,?)",
                           arguments: [id, stamp, year, horizon, panelHash, configHash, runKey, config, String(decoding: md, as: UTF8.self)])
            let insertF = try db.makeStatement(sql: "INSERT INTO forecast VALUES (?,?,?,?,?,?,?)")
            for (k, r) in f.rows.enumerated() {
                guard let y = Int(r[fy]), let mean = Double(r[fm]) else {
                    throw VintageError("\(f.file):\(f.lines[k]): year or mean is not a number")
                }
                try insertF.execute(arguments: [id, r[fr], r[fi], y, mean, flo.flatMap { Double(r[$0]) }, fhi.flatMap { Double(r[$0]) }])
            }
            let insertS = try db.makeStatement(sql: "INSERT INTO shortage VALUES (?,?,?,?,?,?,?,?,?)")
            for (list, t) in lists {
                let c = shortageColumns.map(t.index)
                for (k, r) in t.rows.enumerated() {
                    guard let rank = Int(r[c[3]]), let score = Double(r[c[4]]) else {
                        throw VintageError("\(t.file):\(t.lines[k]): rank or score is not a number")
                    }
                    try insertS.execute(arguments: [id, list, r[c[0]], r[c[1]], r[c[2]], rank, score, Double(r[c[5]]), r[c[6]]])
                }
            }
            return (id, true)
        }
    }

    public func list() throws -> [Vintage] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT v.id, v.recorded, v.base_year, v.horizon, v.panel_sha256, v.config_sha256,
                  (SELECT count(*) FROM shortage s WHERE s.vintage = v.id) AS ns,
                  (SELECT count(*) FROM forecast f WHERE f.vintage = v.id) AS nf,
                  json_extract(v.manifest, '$.scenario') AS scenario
                FROM vintage v ORDER BY v.base_year, v.recorded, v.id
                """).map {
                Vintage(id: $0["id"], recorded: $0["recorded"], baseYear: $0["base_year"], horizon: $0["horizon"],
                        panelSHA256: $0["panel_sha256"], configSHA256: $0["config_sha256"], shortageRows: $0["ns"], forecastRows: $0["nf"],
                        scenario: $0["scenario"])
            }
        }
    }

    func requireVintage(_ db: Database, _ id: String) throws -> (baseYear: Int, horizon: Int) {
        guard let row = try Row.fetchOne(db, sql: "SELECT base_year, horizon FROM vintage WHERE id = ?", arguments: [id]) else {
            let known = try String.fetchAll(db, sql: "SELECT id FROM vintage ORDER BY id")
            throw VintageError("no vintage '\(id)' in the store (known: \(known.isEmpty ? "none" : known.joined(separator: ", ")))")
        }
        return (row["base_year"], row["horizon"])
    }

    public struct ListedOccupation: Sendable, Equatable {
        public var region: String
        public var isco: String
        public var title: String
        public var rank: Int
        public var pShortage: Double?
        public var reasons: String
        public init(region: String, isco: String, title: String, rank: Int, pShortage: Double?, reasons: String) {
            (self.region, self.isco, self.title, self.rank, self.pShortage, self.reasons) = (region, isco, title, rank, pShortage, reasons)
        }
    }

    public func shortages(_ id: String, list: String = "horizon") throws -> [ListedOccupation] {
        try db.read { db in
            _ = try requireVintage(db, id)
            return try Row.fetchAll(db, sql: "SELECT region, isco, title, rank, p_shortage, reasons FROM shortage WHERE vintage = ? AND list = ? ORDER BY region, rank, isco",
                                    arguments: [id, list]).map {
                ListedOccupation(region: $0["region"], isco: $0["isco"], title: $0["title"], rank: $0["rank"], pShortage: $0["p_shortage"], reasons: $0["reasons"])
            }
        }
    }

    public struct ForecastPoint: Sendable {
        public var region: String
        public var isco: String
        public var year: Int
        public var mean: Double
    }

    public func forecasts(_ id: String) throws -> (baseYear: Int, points: [ForecastPoint]) {
        try db.read { db in
            let v = try requireVintage(db, id)
            let rows = try Row.fetchAll(db, sql: "SELECT region, isco, year, mean FROM forecast WHERE vintage = ? ORDER BY region, isco, year", arguments: [id])
            return (v.baseYear, rows.map { ForecastPoint(region: $0["region"], isco: $0["isco"], year: $0["year"], mean: $0["mean"]) })
        }
    }
}
