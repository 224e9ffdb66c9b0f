import Hummingbird

/// `/{lang}/scenarios`, `/{lang}/scenario/{n}` and `/{lang}/scenario/{n}/{region}/{isco}`: the
/// scenario bundles shown beside the outlook.
struct ScenariosController {
    let routes: Routes

    func register(on router: Router<BasicRequestContext>) {
        Routes.page(router, ":lang/scenarios") { req, c in try index(req, c) }
        Routes.page(router, ":lang/scenario/:n") { req, c in try scenario(req, c) }
        Routes.page(router, ":lang/scenario/:n/:region/:isco") { req, c in try cell(req, c) }
    }

    /// The scenario's number in the path (1-based, at most four digits).
    static func number(_ c: BasicRequestContext) throws(WorkspaceError) -> Int {
        let raw = c.parameters.get("n") ?? ""
        guard raw.count <= 4, let n = Int(raw) else { throw WorkspaceError(.notFound, .notFound, detail: raw) }
        return n
    }

    func index(_ req: Request, _ c: BasicRequestContext) throws -> Response {
        let lang = try WorkspaceServer.language(c)
        try Routes.noQuery(req)
        return WorkspaceServer.html(Layout.page(lang, title: lang.text(.scenarios), path: "scenarios", body: ScenarioPage.index(routes.data, lang)))
    }

    func scenario(_ req: Request, _ c: BasicRequestContext) throws -> Response {
        let lang = try WorkspaceServer.language(c)
        try Routes.noQuery(req)
        let n = try Self.number(c)
        let page = try ScenarioPage.scenario(routes.data, n, lang)
        return WorkspaceServer.html(Layout.page(lang, title: page.title, path: "scenario/\(n)", body: page.body))
    }

    func cell(_ req: Request, _ c: BasicRequestContext) throws -> Response {
        let lang = try WorkspaceServer.language(c)
        try Routes.noQuery(req)
        let n = try Self.number(c)
        let (region, isco) = try routes.cell(c)
        let page = try ScenarioPage.cell(routes.data, n, region: region, isco: isco, lang)
        return WorkspaceServer.html(Layout.page(lang, title: page.title, path: "scenario/\(n)/\(region)/\(isco)", body: page.body))
    }
}
