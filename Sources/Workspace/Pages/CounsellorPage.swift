import LabourData
import Recommender

/// The counsellor's form and its answer: ranked destinations with training paths, hours and
/// reasons, printable as a one-page plan. The form posts, so nothing typed goes into a URL.
enum CounsellorPage {
    /// The form, filled with `f`; `problems` (field → messages in the reader's language) are
    /// shown beside their fields.
    static func form(_ data: WorkspaceData, _ lang: WorkspaceLanguage, _ f: CounsellorForm = .init(),
                     problems: [(field: String, message: String)] = []) -> HTML {
        let t = lang.text
        func said(_ field: String) -> HTML {
            let m = problems.filter { $0.field == field }.map(\.message)
            if m.isEmpty { return .empty }
            return .span([.class("field-error"), .init("role", "alert")], .group(m.enumerated().flatMap { i, x in i == 0 ? [.text(x)] : [.br, .text(x)] }))
        }
        func regions(_ name: String, _ chosen: (String) -> Bool, _ extra: [HTML.Attribute] = []) -> HTML {
            .select([.name(name)] + extra, data.regions.map { r in .option([.value(r), .selected(chosen(r))], .text(lang.regionName(r))) })
        }
        let years = f.years.map { lang.number($0, 0) } ?? f.typed["years"] ?? ""
        let education = f.education.map(String.init) ?? f.typed["education"] ?? ""
        return .group([
            .note(.text(t(.personalDataNote))),
            .form([.class("counsel"), .init("method", "post"), .init("action", "/\(lang.rawValue)/counsellor")], [
                .label(.text(t(.occupationHeld)), .input([.name("occupation"), .value(f.occupation), .init("autocomplete", "off")]), said("occupation")),
                .label(.text(t(.yearsHeld)), .input([.name("years"), .init("inputmode", "decimal"), .value(years)]), said("years")),
                .label(.span(.input([.init("type", "checkbox"), .name("abroad"), .value("on"), .checked(f.abroad)]), " ", .text(t(.abroad)))),
                .label(.text(t(.skills)), .textarea([.id("skills"), .name("skills")], f.skills.joined(separator: "\n")), said("skills")),
                .label([.class("noprint")], .text(t(.skillsHint)), .input([.id("skill-search"), .name("skill-search"), .init("autocomplete", "off")]),
                       .element(.ul, [.id("skill-suggest"), .class("suggest")], [])),
                .label(.text(t(.education)), .input([.name("education"), .init("inputmode", "numeric"), .value(education)]), said("education")),
                .label(.text(t(.languages)), .input([.name("languages"), .value(f.languages.joined(separator: ", "))])),
                .label(.text(t(.region)), regions("region") { f.region == $0 }, said("region")),
                .label(.text(t(.regionsWilling)), regions("willing", { f.willing.contains($0) }, [.flag("multiple"), .init("size", "6")]), said("willing")),
                .submit(.text(t(.submit))),
            ]),
        ])
    }

    /// A refused form: what was wrong at the top, the form as typed below with each message
    /// beside its field.
    static func refused(_ e: WorkspaceError, _ data: WorkspaceData, _ f: CounsellorForm, _ lang: WorkspaceLanguage) -> HTML {
        .group([ErrorPage.alert(e, lang, then: .p(.text(lang.text(.formRefused)))), form(data, lang, f, problems: e.fields)])
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

    static func answer(_ engine: CounsellingEngine, _ data: WorkspaceData, _ f: CounsellorForm, _ lang: WorkspaceLanguage) throws(WorkspaceError) -> HTML {
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
        if recs.isEmpty {
            return .group([.h2(.text(t(.destinations))), .p("\(t(.noDestination)): \(reason ?? "")"), form(data, lang, f)])
        }
        let plan: [HTML] = recs.map { r in
            let o = esco.occupations[r.destination]
            let kind = r.kind == .ownTrade ? t(.ownTrade) : t(.move)
            let modules: HTML = r.modules.isEmpty ? .empty : .group([
                .p("\(t(.modules)):"),
                .ul(r.modules.map { m in
                    let mod = engine.catalogue.modules[m]
                    return .li("\(mod.id) \(mod.title(language)) (\(Int(mod.hours)) h)")
                }),
            ])
            return .li(
                .h3(.text(o.label(language)), " ", .span([.class("note")], "[\(o.isco)] — \(lang.regionName(r.region)) — \(kind)")),
                .p("\(t(.pShortage)): \(r.pShortage.map { lang.number($0, 2) } ?? "–") · \(lang.number(r.hours, 0)) \(t(.hours))"),
                .ul(RecommendationTable.reasons(r, language, esco: esco, catalogue: engine.catalogue).map { .li(.text($0)) }),
                modules)
        }
        return .group([
            .h2(.text(t(.destinations))),
            .ol([.class("plan")], plan),
            .p([.class("noprint note")], "\(t(.printPlan)): Ctrl+P"),
            .div([.class("noprint")], form(data, lang, f)),
        ])
    }
}
