import Foundation
import GRDB
import LabourData
import MizanSupport
import OutlookBundle

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

    /// Records the bundle written by `mizan outlook` (or `mizan scenario`) in `bundle`, read
    /// through the bundle's readers; returns the vintage id and whether it is new.
    @discardableResult
    public func record(bundle: URL, now: Date = Date()) throws -> (id: String, isNew: Bool) {
        try record(try BundlePublication.read(bundle: bundle), now: now)
    }

    /// Records what a run published, as the runner hands it over (no re-reading of its files).
    /// The same run (the manifest's run key) recorded twice returns the existing vintage.
    @discardableResult
    public func record(_ p: BundlePublication, now: Date = Date()) throws -> (id: String, isNew: Bool) {
        let m = p.manifest
        guard let panelHash = m.inputSHA256["panel"] else { throw VintageError("the manifest names no panel hash: not an outlook's manifest") }
        let configHash = SHA256.hex(Data(m.config.utf8))
        let runKey = m.key
        let manifestText = String(decoding: try m.json(), as: UTF8.self)
        let stamp = ISO8601DateFormatter().string(from: now)
        return try db.write { db -> (String, Bool) in
            if let existing = try String.fetchOne(db, sql: "SELECT id FROM vintage WHERE run_key = ?", arguments: [runKey]) {
                return (existing, false)
            }
            let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM vintage WHERE base_year = ?", arguments: [m.year]) ?? 0
            let id = "\(m.year)-\(n + 1)"
            try db.execute(sql: "INSERT INTO vintage VALUES (?,?,?,?,?,?,?,?,?)",
                           arguments: [id, stamp, m.year, m.horizon, panelHash, configHash, runKey, m.config, manifestText])
            let insertF = try db.makeStatement(sql: "INSERT INTO forecast VALUES (?,?,?,?,?,?,?)")
            for f in p.forecasts {
                // The widest interval the forecast has (95 %), as the store keeps one.
                let band = f.intervals.max { $0.level < $1.level }
                try insertF.execute(arguments: [id, f.region, f.isco, f.year, f.mean, band?.low, band?.high])
            }
            let insertS = try db.makeStatement(sql: "INSERT INTO shortage VALUES (?,?,?,?,?,?,?,?,?)")
            for (h, list) in [(ShortageListFile.Horizon.now, "now"), (.target, "horizon")] {
                for r in p.lists[h] ?? [] {
                    guard let rank = r.rank, let score = r.score else {
                        throw VintageError("\(ShortageListFile.name(h, .all)): \(r.key) has no rank or score")
                    }
                    // The values the list file holds (4 decimals), whether handed over or read back.
                    try insertS.execute(arguments: [id, list, r.region, r.isco, r.title, rank, CSVWriter.readBack(score),
                                                    r.pShortage.map { CSVWriter.readBack($0) }, r.reasons])
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

    /// A vintage's list (`now` or `horizon`) as published rows: region, ISCO, title, rank,
    /// score, p_shortage and reasons (what the store keeps of a row).
    public func shortages(_ id: String, list: String = "horizon") throws -> [PublishedShortage] {
        try db.read { db in
            _ = try requireVintage(db, id)
            return try Row.fetchAll(db, sql: "SELECT region, isco, title, rank, score, p_shortage, reasons FROM shortage WHERE vintage = ? AND list = ? ORDER BY region, rank, isco",
                                    arguments: [id, list]).map {
                PublishedShortage(region: $0["region"], isco: $0["isco"], title: $0["title"], score: $0["score"], rank: $0["rank"],
                                  pShortage: $0["p_shortage"], reasons: $0["reasons"])
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
