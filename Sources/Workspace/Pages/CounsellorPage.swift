import LabourData
import Recommender

/// The counsellor's form and its answer: ranked destinations with training paths, hours and
/// reasons, printable as a one-page plan. The form posts, so nothing typed goes into a URL.
enum CounsellorPage {
    static func form(_ data: WorkspaceData, _ lang: WorkspaceLanguage, _ f: CounsellorForm = .init()) -> String {
        let t = lang.text
        var b = "<p class=\"note\">\(t(.personalDataNote))</p>"
        b += "<form class=\"counsel\" method=\"post\" action=\"/\(lang.rawValue)/counsellor\">"
        b += "<label>\(t(.occupationHeld))<input name=\"occupation\" value=\"\(HTMLText.escape(f.occupation))\" autocomplete=\"off\"></label>"
        b += "<label>\(t(.yearsHeld))<input name=\"years\" inputmode=\"decimal\" value=\"\(f.years.map { lang.number($0, 0) } ?? "")\"></label>"
        b += "<label><span><input type=\"checkbox\" name=\"abroad\" value=\"on\"\(f.abroad ? " checked" : "")> \(t(.abroad))</span></label>"
        b += "<label>\(t(.skills))<textarea id=\"skills\" name=\"skills\">\(HTMLText.escape(f.skills.joined(separator: "\n")))</textarea></label>"
        b += "<label class=\"noprint\">\(t(.skillsHint))<input id=\"skill-search\" name=\"skill-search\" autocomplete=\"off\"><ul id=\"skill-suggest\" class=\"suggest\"></ul></label>"
        b += "<label>\(t(.education))<input name=\"education\" inputmode=\"numeric\" value=\"\(f.education.map(String.init) ?? "")\"></label>"
        b += "<label>\(t(.languages))<input name=\"languages\" value=\"\(HTMLText.escape(f.languages.joined(separator: ", ")))\"></label>"
        b += "<label>\(t(.region))<select name=\"region\">" + data.regions.map {
            "<option value=\"\($0)\"\(f.region == $0 ? " selected" : "")>\(HTMLText.escape(lang.regionName($0)))</option>"
        }.joined() + "</select></label>"
        b += "<label>\(t(.regionsWilling))<select name=\"willing\" multiple size=\"6\">" + data.regions.map {
            "<option value=\"\($0)\"\(f.willing.contains($0) ? " selected" : "")>\(HTMLText.escape(lang.regionName($0)))</option>"
        }.joined() + "</select></label>"
        return b + "<button type=\"submit\">\(t(.submit))</button></form>"
    }

    static func answer(_ engine: CounsellingEngine, _ data: WorkspaceData, _ f: CounsellorForm, _ lang: WorkspaceLanguage) throws(WorkspaceError) -> String {
        let t = lang.text
        let profile: MigrantProfile
        do { profile = try engine.labels.resolve([f.profile], file: "form")[0] } catch {
            throw WorkspaceError(.badRequest, .unknownSkill, detail: error.diagnostics.map(\.message).joined(separator: "\n"))
        }
        let (recs, reason) = engine.recommender.recommend(profile)
        let esco = engine.labels.esco
        let language = lang.dataLanguage
        var b = "<h2>\(t(.destinations))</h2>"
        if recs.isEmpty { return b + "<p>\(t(.noDestination)): \(HTMLText.escape(reason ?? ""))</p>" + form(data, lang, f) }
        b += "<ol class=\"plan\">"
        for r in recs {
            let o = esco.occupations[r.destination]
            b += "<li><h3>\(HTMLText.escape(o.label(language))) <span class=\"note\">[\(o.isco)] — \(HTMLText.escape(lang.regionName(r.region)))"
            b += r.kind == .ownTrade ? " — \(t(.ownTrade))" : " — \(t(.move))"
            b += "</span></h3><p>\(t(.pShortage)): \(r.pShortage.map { lang.number($0, 2) } ?? "–") · \(lang.number(r.hours, 0)) \(t(.hours))</p><ul>"
            for line in RecommendationTable.reasons(r, language, esco: esco, catalogue: engine.catalogue) { b += "<li>\(HTMLText.escape(line))</li>" }
            b += "</ul>"
            if !r.modules.isEmpty {
                b += "<p>\(t(.modules)):</p><ul>" + r.modules.map { m in
                    let mod = engine.catalogue.modules[m]
                    return "<li>\(HTMLText.escape(mod.id)) \(HTMLText.escape(mod.title(language))) (\(Int(mod.hours)) h)</li>"
                }.joined() + "</ul>"
            }
            b += "</li>"
        }
        b += "</ol><p class=\"noprint note\">\(t(.printPlan)): Ctrl+P</p>"
        return b + "<div class=\"noprint\">" + form(data, lang, f) + "</div>"
    }
}
