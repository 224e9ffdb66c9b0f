import Hummingbird

/// `/{lang}/occupation/{region}/{isco}`: one cell's page.
struct OccupationController {
    let routes: Routes

    func register(on router: Router<BasicRequestContext>) {
        Routes.page(router, ":lang/occupation/:region/:isco") { req, c in try show(req, c) }
    }

    func show(_ req: Request, _ c: BasicRequestContext) throws -> Response {
        let lang = try WorkspaceServer.language(c)
        let (region, isco) = try routes.cell(c)
        try Routes.noQuery(req)
        return try routes.cache.page("\(lang.rawValue)/occupation/\(region)/\(isco)") {
            let page = try CellPage.render(routes.data, region: region, isco: isco, lang)
            return WorkspaceServer.html(Layout.page(lang, title: page.title, path: "occupation/\(region)/\(isco)", body: page.body))
        }
    }
}
