import Foundation
import Hummingbird
import HummingbirdTesting
import LabourData
import MizanSupport
import OutlookBundle
import Testing
import Workspace

@Suite("The workspace's pages, in process")
struct WorkspaceRoutesTests {
    @Test("every page answers in French, English and Arabic; Arabic is laid out right to left", arguments: WorkspaceLanguage.allCases)
    func pages(lang: WorkspaceLanguage) async throws {
        try await Fixture.withClient { client in
            for uri in ["/\(lang.rawValue)/shortages", "/\(lang.rawValue)/shortages?region=MA-06&major=7&horizon=now&sex=female&sort=p&dir=desc",
                        "/\(lang.rawValue)/occupation/MA-06/7212", "/\(lang.rawValue)/occupation/TOTAL/8332",
                        "/\(lang.rawValue)/counsellor", "/\(lang.rawValue)/vintages"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .ok, "\(uri)")
                    #expect(r.text.contains("<html lang=\"\(lang.rawValue)\" dir=\"\(lang.direction)\">"), "\(uri)")
                    #expect(r.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                }
            }
        }
        #expect(WorkspaceLanguage.ar.direction == "rtl" && WorkspaceLanguage.fr.direction == "ltr")
    }

    @Test("the list shows p_shortage, the imbalance with its interval and reasons; the CSV holds exactly the rows shown, in order")
    func listAndCSV() async throws {
        try await Fixture.withClient { client in
            let query = "region=MA-06&sort=imbalance&dir=desc"
            let html = try await client.execute(uri: "/fr/shortages?\(query)", method: .get) { $0.text }
            let shown = html.components(separatedBy: "/fr/occupation/MA-06/").dropFirst().map { String($0.prefix(4)) }
            let csv = try await client.execute(uri: "/fr/shortages.csv?\(query)", method: .get) { r in
                #expect(r.headers[.contentType] == "text/csv; charset=utf-8")
                return r.text
            }
            let lines = csv.split(separator: "\n").dropFirst().map(Self.fields)
            #expect(!shown.isEmpty && lines.count == shown.count)
            #expect(lines.map { $0[1] } == shown)
            // Sorted by imbalance, largest first.
            let imbalances = lines.map { Double($0[5]) ?? -1 }
            #expect(imbalances == imbalances.sorted(by: >))
            // The welder's row: p_shortage, an interval in brackets, the reasons.
            let welder = try #require(Fixture.data.row(region: "MA-06", isco: "7212"))
            #expect(html.contains("[\(WorkspaceLanguage.fr.number(welder.imbalanceLow!, 3)); \(WorkspaceLanguage.fr.number(welder.imbalanceHigh!, 3))]"))
            #expect(html.contains(HTMLText.escape(welder.reasons(in: .french))))
        }
    }

    @Test("the Arabic list gives the reasons in Arabic (the bundle carries them in all three languages), titles in French beside their code")
    func arabicReasons() async throws {
        let welder = try #require(Fixture.data.row(region: "MA-06", isco: "7212"))
        let arabic = welder.reasons(in: .arabic)
        // Written in Arabic letters, with the French and English texts of the same reasons beside them in the bundle.
        #expect(arabic.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } && arabic != welder.reasons(in: .french))
        #expect(!welder.reasons(in: .english).isEmpty && welder.reasons(in: .english) != welder.reasons(in: .french))
        try await Fixture.withClient { client in
            let html = try await client.execute(uri: "/ar/shortages?region=MA-06", method: .get) { $0.text }
            #expect(html.contains("<td lang=\"ar\">\(HTMLText.escape(arabic))</td>"))
            #expect(html.contains("7212 <span lang=\"fr\">\(HTMLText.escape(ISCO08.standard.title("7212", .french)!))</span>"))
            let en = try await client.execute(uri: "/en/occupation/MA-06/7212", method: .get) { $0.text }
            #expect(en.contains("<p lang=\"en\">\(HTMLText.escape(welder.reasons(in: .english)))</p>"))
        }
    }

    @Test("with an ESCO folder holding ESCO's Arabic ISCO groups (ISCOGroups_ar.csv), the Arabic pages give Arabic titles")
    func arabicTitles() async throws {
        let esco = FileManager.default.temporaryDirectory.appendingPathComponent("esco-ar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: esco, withIntermediateDirectories: true)
        try "conceptType,conceptUri,code,preferredLabel,status\nISCOGroup,http://data.europa.eu/esco/isco/C7212,7212,عمال اللحام وقطع المعادن,released\n"
            .write(to: esco.appendingPathComponent("ISCOGroups_ar.csv"), atomically: true, encoding: .utf8)
        let data = try WorkspaceData(.init(bundle: Fixture.bundle, esco: esco))
        #expect(data.titles.arabic == ["7212": "عمال اللحام وقطع المعادن"])
        let app = Application(router: WorkspaceServer.router(data))
        try await app.test(.router) { client in
            let ar = try await client.execute(uri: "/ar/shortages?region=MA-06", method: .get) { $0.text }
            #expect(ar.contains("7212 <span lang=\"ar\">عمال اللحام وقطع المعادن</span>"))
            // A code the Arabic file lacks keeps its French title beside the code.
            #expect(ar.contains("8332 <span lang=\"fr\">\(HTMLText.escape(ISCO08.standard.title("8332", .french)!))</span>"))
            let fr = try await client.execute(uri: "/fr/shortages?region=MA-06", method: .get) { $0.text }
            #expect(!fr.contains("عمال اللحام"))
        }
    }

    /// The fields of one CSV line (quotes honoured).
    static func fields(_ line: Substring) -> [String] {
        var out: [String] = [], cur = "", quoted = false
        for c in line {
            if c == "\"" { quoted.toggle() } else if c == "," && !quoted { out.append(cur); cur = "" } else { cur.append(c) }
        }
        return out + [cur]
    }

    @Test("the occupation page draws history and the reconciled fan, and tells how the cell moved and how accurate past forecasts were")
    func occupationPage() async throws {
        try await Fixture.withClient { client in
            let html = try await client.execute(uri: "/en/occupation/MA-06/7212", method: .get) { $0.text }
            #expect(html.contains("<svg") && html.contains("<polygon") && html.contains("<polyline"))
            #expect(html.contains("Since the previous vintage") && html.contains("Rank"))
            // The earlier vintage (recorded first, 2024-1) had welders in Casablanca-Settat 5 places lower.
            let rank = try #require(Fixture.data.row(region: "MA-06", isco: "7212")?.rank)
            #expect(html.contains("2024-1 → 2024-2: Rank \(rank + 5) → \(rank);"), "\(html)")
            #expect(html.contains("region × isco4") && html.contains("MASE"))
            #expect(html.contains("Openings (expansion + replacement)") && html.contains("New supply"))
            // The figures are the bundle's, for this cell: its row of shortages.csv and the
            // accuracy of its level in forecast_accuracy.csv, as the page formats them.
            let bundle = Fixture.bundle
            let list = try TextTable.read(contentsOf: bundle.appendingPathComponent("shortages.csv"), required: ["region", "isco", "rank", "p_shortage"])
            let i = try #require(list.rows.firstIndex { $0[list.index("region")] == "MA-06" && $0[list.index("isco")] == "7212" })
            let en = WorkspaceLanguage.en
            let cells = [list.rows[i][list.index("rank")], en.number(try list.number(i, "p_shortage"), 2), en.number(try list.number(i, "openings"), 0),
                         en.number(try list.number(i, "new_supply"), 0), en.number(try list.number(i, "employment"), 0), en.number(try list.number(i, "tension_ratio"), 2)]
            for v in cells { #expect(html.contains("<td class=\"num\">\(v)</td>"), "\(v)") }
            let accuracy = try TextTable.read(contentsOf: bundle.appendingPathComponent("forecast_accuracy.csv"), required: ["level", "step", "mase"])
            let mine = accuracy.rows.indices.filter { accuracy.rows[$0][accuracy.index("level")] == "region × isco4" }
            #expect(!mine.isEmpty)
            for k in mine { #expect(html.contains("<td class=\"num\">\(en.number(try accuracy.number(k, "mase"), 3))</td>")) }
        }
    }

    @Test("the counsellor's answer puts a returnee welder's own trade first, with modules and hours")
    func counsellor() async throws {
        try await Fixture.withClient { client in
            let body = "occupation=soudeur&years=6&abroad=on&skills=souder+%C3%A0+l%27arc&region=MA-06&willing=MA-04"
            let html = try await client.execute(uri: "/fr/counsellor", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: body)) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.cacheControl] == "no-store")
                return r.text
            }
            let first = try #require(html.components(separatedBy: "<h3>").dropFirst().first)
            #expect(first.hasPrefix("soudeur") && first.contains("Son propre métier"), "\(first.prefix(200))")
            #expect(html.contains("heures"))
        }
    }

    @Test("type-ahead offers ESCO labels in the page's language, whichever language was typed")
    func typeAhead() async throws {
        try await Fixture.withClient { client in
            let fr = try await client.execute(uri: "/api/skills?q=souder&lang=fr", method: .get) { $0.text }
            #expect(fr.contains("souder"))
            let en = try await client.execute(uri: "/api/skills?q=weld&lang=en", method: .get) { $0.text }
            #expect(en.contains("weld"))
            // Typed in one language, answered in the page's: lang is read, not dropped.
            let frenchTyped = try await client.execute(uri: "/api/skills?q=souder&lang=en", method: .get) { $0.text }
            #expect(frenchTyped.contains("weld") && !frenchTyped.contains("souder"), "\(frenchTyped)")
            let englishTyped = try await client.execute(uri: "/api/skills?q=weld&lang=fr", method: .get) { $0.text }
            #expect(englishTyped.contains("soud") && !englishTyped.contains("weld"), "\(englishTyped)")
        }
    }

    @Test("bad input is a 4xx page in the chosen language, never a 500, and the server keeps serving", arguments: [
        ("GET", "/fr/shortages?region=MA-99", "", 400, "Région inconnue"),
        ("GET", "/en/shortages?region=Atlantis", "", 400, "Unknown region"),
        ("GET", "/ar/shortages?region=MA-99", "", 400, "جهة غير معروفة"),
        ("GET", "/fr/shortages?major=77", "", 400, "Code CITP invalide"),
        ("GET", "/fr/occupation/MA-06/72x2", "", 400, "Code CITP invalide"),
        ("GET", "/fr/occupation/MA-06/9999", "", 404, "Page introuvable"),
        ("GET", "/en/shortages?year=2031", "", 400, "Year out of range"),
        ("GET", "/fr/shortages?sort=%27%3B--", "", 400, "Paramètre invalide"),
        ("GET", "/fr/shortages?region=%FF%FE", "", 400, "mal encodé"),
        ("GET", "/fr/shortages?region=%E", "", 400, "mal encodé"),
        ("GET", "/static/../../etc/passwd", "", 404, "Page introuvable"),
        ("GET", "/fr/occupation/..%2F..%2Fetc/passwd", "", 400, "Région inconnue"),
        ("GET", "/fr/occupation/MA-06/..%2F..%2Fetc%2Fpasswd", "", 400, "Code CITP invalide"),
        ("GET", "/xx/shortages", "", 404, "Page introuvable"),
        ("GET", "/fr/vintages?a=nope", "", 400, "Paramètre invalide"),
        ("POST", "/fr/counsellor", "occupation=%FF&region=MA-06", 400, "mal encodé"),
        ("POST", "/fr/counsellor", "occupation=soudeur&region=MA-99", 400, "Région inconnue"),
        ("POST", "/en/counsellor", "occupation=soudeur", 400, "Incomplete form"),
        ("POST", "/fr/counsellor", "occupation=12345&region=MA-06", 400, "Code CITP invalide"),
        ("POST", "/fr/counsellor", "occupation=soudeur&region=MA-06&years=-5", 400, "Paramètre invalide"),
        ("POST", "/fr/counsellor", "skills=" + String(repeating: "a", count: 20_000) + "&region=MA-06", 413, "trop volumineux"),
    ])
    func badInput(method: String, uri: String, body: String, status: Int, message: String) async throws {
        try await Fixture.withClient { client in
            try await client.execute(uri: uri, method: method == "GET" ? .get : .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: body.isEmpty ? nil : ByteBuffer(string: body)) { r in
                #expect(Int(r.status.code) == status, "\(uri): \(r.status)")
                #expect(r.text.contains(message), "\(uri): \(r.text.prefix(600))")
                #expect(r.headers[.contentSecurityPolicy] != nil)
            }
            try await client.execute(uri: "/fr/shortages", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test("HEAD answers as GET without a body; other methods are 405 with Allow")
    func methods() async throws {
        try await Fixture.withClient { client in
            try await client.execute(uri: "/fr/shortages?region=MA-06", method: .head) { r in
                #expect(r.status == .ok && r.body.readableBytes == 0)
            }
            for m in [HTTPRequest.Method.put, .delete, .patch] {
                try await client.execute(uri: "/fr/shortages", method: m) { r in
                    #expect(r.status == .methodNotAllowed && r.headers[.allow] == "GET, HEAD, POST")
                    #expect(r.text.contains("Méthode non permise"))
                }
            }
        }
    }

    @Test("a <script> typed as a skill comes back inert")
    func escaping() async throws {
        try await Fixture.withClient { client in
            let html = try await client.execute(uri: "/fr/counsellor", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: "skills=%3Cscript%3Ealert(1)%3C%2Fscript%3E&region=MA-06")) { $0.text }
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    @Test("CSV cells that start with =, +, -, @ are neutralised; numbers stay numbers")
    func csvInjection() {
        #expect(CSVExport.neutralise("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")")
        #expect(["+1", "-1+1", "@SUM(A1)", "\tx"].allSatisfy { CSVExport.neutralise($0).hasPrefix("'") })
        #expect(CSVExport.neutralise("soudeurs") == "soudeurs")
        // A code ISCO-08 does not have, so the page shows the bundle's own (hostile) title.
        let row = PublishedShortage(region: "MA-06", isco: "9999", title: "=cmd|' /C calc'!A0", score: 1, rank: 1, rankNational: 1, pShortage: 0.9,
                                    employment: 10, imbalance: -0.05, imbalanceLow: -0.1, imbalanceHigh: 0.02, reasons: "@evil")
        let text = String(decoding: CSVExport.shortages([row], lang: .fr), as: UTF8.self)
        #expect(text.contains("'=cmd") && text.contains("'@evil") && text.contains(",-0.05,-0.1,"))
    }

    @Test("the profile typed in the form never reaches the log; the log has method, path and status")
    func nothingPersonalLogged() async throws {
        let log = LogCapture()
        try await Fixture.withClient(log) { client in
            _ = try await client.execute(uri: "/fr/counsellor", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: "occupation=soudeur&years=17&skills=souder+%C3%A0+l%27arc&languages=tzm%2C+fr&region=MA-06&education=3")) { _ in }
            _ = try await client.execute(uri: "/fr/counsellor", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: "occupation=Zzyzxqw&region=MA-06")) { _ in }
        }
        let all = log.lines.joined(separator: "\n")
        #expect(log.lines.contains { $0.contains("POST /fr/counsellor 200") })
        for typed in ["soudeur", "souder", "tzm", "Zzyzxqw", "education="] { #expect(!all.contains(typed), "'\(typed)' in the log:\n\(all)") }
    }
}

@Suite("Numbers as the workspace writes them")
struct WorkspaceNumberTests {
    @Test("rounded as printf rounds, with the interface's decimal mark", arguments: [0.955, 0.965, 0.125, -0.0049, 1234.5, 0.0, 2.675])
    func printfRounding(x: Double) {
        let printf = String(format: "%.2f", x)
        #expect(WorkspaceLanguage.en.number(x, 2) == printf)
        #expect(WorkspaceLanguage.fr.number(x, 2) == printf.replacingOccurrences(of: ".", with: ","))
        #expect(WorkspaceLanguage.ar.number(x, 0) == String(format: "%.0f", x))
        #expect(WorkspaceLanguage.fr.number(.nan, 2) == "–")
    }
}

@Suite("The workspace without ESCO")
struct WorkspaceWithoutESCOTests {
    @Test("lists and occupation pages serve; the counsellor form says in words why it is not available")
    func noESCO() async throws {
        let data = try WorkspaceData(.init(bundle: Fixture.bundle, panel: nil, vintages: nil, esco: nil, catalogue: nil))
        let app = Application(router: WorkspaceServer.router(data))
        try await app.test(.router) { client in
            try await client.execute(uri: "/fr/shortages?region=MA-04", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/en/occupation/MA-04/2221", method: .get) { r in
                #expect(r.status == .ok && r.text.contains("No vintage recorded."))
            }
            try await client.execute(uri: "/fr/counsellor", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "occupation=soudeur&region=MA-06")) { r in
                #expect(r.status == .serviceUnavailable)
                #expect(r.text.contains("n&#39;est pas disponible sur ce serveur"))
            }
        }
    }
}
