import LabourData
import MizanSupport
import Recommender

/// The counsellor's form and its answer: ranked destinations with training paths, hours and
/// reasons, printable as a one-page plan. The form posts, so nothing typed goes into a URL.
enum CounsellorPage {
    /// The form, filled with `f`; `problems` (field → messages in the reader's language) are
    /// shown beside their fields.
    static func form(_ data: WorkspaceData, _ lang: WorkspaceLanguage, _ f: CounsellorForm = .init(),
                     problems: [(field: String, message: String)] = []) -> String {
        let t = lang.text
        func said(_ field: String) -> String {
            let m = problems.filter { $0.field == field }.map(\.message)
            return m.isEmpty ? "" : "<span class=\"field-error\" role=\"alert\">" + m.map(HTMLText.escape).joined(separator: "<br>") + "</span>"
        }
        var b = "<p class=\"note\">\(t(.personalDataNote))</p>"
        b += "<form class=\"counsel\" method=\"post\" action=\"/\(lang.rawValue)/counsellor\">"
        b += "<label>\(t(.occupationHeld))<input name=\"occupation\" value=\"\(HTMLText.escape(f.occupation))\" autocomplete=\"off\">\(said("occupation"))</label>"
        let years = f.years.map { lang.number($0, 0) } ?? f.typed["years"] ?? ""
        b += "<label>\(t(.yearsHeld))<input name=\"years\" inputmode=\"decimal\" value=\"\(HTMLText.escape(years))\">\(said("years"))</label>"
        b += "<label><span><input type=\"checkbox\" name=\"abroad\" value=\"on\"\(f.abroad ? " checked" : "")> \(t(.abroad))</span></label>"
        b += "<label>\(t(.skills))<textarea id=\"skills\" name=\"skills\">\(HTMLText.escape(f.skills.joined(separator: "\n")))</textarea>\(said("skills"))</label>"
        b += "<label class=\"noprint\">\(t(.skillsHint))<input id=\"skill-search\" name=\"skill-search\" autocomplete=\"off\"><ul id=\"skill-suggest\" class=\"suggest\"></ul></label>"
        let education = f.education.map(String.init) ?? f.typed["education"] ?? ""
        b += "<label>\(t(.education))<input name=\"education\" inputmode=\"numeric\" value=\"\(HTMLText.escape(education))\">\(said("education"))</label>"
        b += "<label>\(t(.languages))<input name=\"languages\" value=\"\(HTMLText.escape(f.languages.joined(separator: ", ")))\"></label>"
        b += "<label>\(t(.region))<select name=\"region\">" + data.regions.map {
            "<option value=\"\($0)\"\(f.region == $0 ? " selected" : "")>\(HTMLText.escape(lang.regionName($0)))</option>"
        }.joined() + "</select>\(said("region"))</label>"
        b += "<label>\(t(.regionsWilling))<select name=\"willing\" multiple size=\"6\">" + data.regions.map {
            "<option value=\"\($0)\"\(f.willing.contains($0) ? " selected" : "")>\(HTMLText.escape(lang.regionName($0)))</option>"
        }.joined() + "</select>\(said("willing"))</label>"
        return b + "<button type=\"submit\">\(t(.submit))</button></form>"
    }

    /// A refused form: what was wrong at the top, the form as typed below with each message
    /// beside its field.
    static func refused(_ e: WorkspaceError, _ data: WorkspaceData, _ f: CounsellorForm, _ lang: WorkspaceLanguage) -> String {
        let t = lang.text
        var b = "<div class=\"error\" role=\"alert\"><p><strong>\(e.status.rawValue)</strong> — \(HTMLText.escape(t(e.message)))</p>"
        b += "<p>\(t(.formRefused))</p></div>"
        return b + form(data, lang, f, problems: e.fields)
    }

    /// Names typed in the form that are not resolved, in the reader's language: the line of the
    /// skills box counted from 1, what was typed, and the ESCO entries it could be.
    static func labelProblems(_ problems: [ProfileLabels.Problem], _ engine: CounsellingEngine, _ lang: WorkspaceLanguage) -> [(field: String, message: String)] {
        let t = lang.text
        let esco = engine.labels.esco
        return problems.map { p in
            let isSkill: Bool
            let field: String
            switch p.field {
            case .skill(let j): (isSkill, field) = (true, "\(t(.line)) \(j + 1)\(lang.colon)")
            case .occupation: (isSkill, field) = (false, "")
            }
            let names = p.candidates.prefix(3).map { i in
                lang.quoted(isSkill ? esco.skills[i].label(lang.dataLanguage) : esco.occupations[i].label(lang.dataLanguage))
            }.joined(separator: " \(t(.or)) ")
            var m = field + lang.quoted(CounsellorForm.shortened(p.typed)) + " — "
            switch p.kind {
            case .ambiguous: m += "\(t(.couldBe)) \(names); \(t(.sayWhich))"
            case .unknown, .notAnESCOURI:
                m += t(isSkill ? .notAnESCOSkill : .notAnESCOOccupation) + (names.isEmpty ? "" : "; \(t(.didYouMean)) \(names)\(lang == .fr ? " ?" : "?")")
            }
            return (isSkill ? "skills" : "occupation", m)
        }
    }

    static func answer(_ engine: CounsellingEngine, _ data: WorkspaceData, _ f: CounsellorForm, _ lang: WorkspaceLanguage) throws(WorkspaceError) -> String {
        let t = lang.text
        let (profile, problems) = engine.labels.resolve(f.profile)
        if !problems.isEmpty {
            var e = WorkspaceError(.badRequest, .unknownSkill)
            e.fields = labelProblems(problems, engine, lang)
            throw e
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
