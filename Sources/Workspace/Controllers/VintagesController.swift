import Hummingbird

/// `/{lang}/vintages?a=&b=`: the vintages and the diff of two of them.
struct VintagesController {
    let routes: Routes

    /// The query, decoded: the two vintages to compare (the last two when absent).
    struct Query { var a: String?, b: String? }

    func register(on router: Router<BasicRequestContext>) {
        Routes.page(router, ":lang/vintages") { req, c in try show(req, c) }
    }

    static func query(_ req: Request) throws(WorkspaceError) -> Query {
        var q = Query()
        for (k, v) in try WorkspaceServer.queryItems(req) {
            switch k {
            case "a": q.a = v
            case "b": q.b = v
            default: throw WorkspaceError(.badRequest, .badParameter, detail: k)
            }
        }
        return q
    }

    func show(_ req: Request, _ c: BasicRequestContext) throws -> Response {
        let lang = try WorkspaceServer.language(c)
        let q = try Self.query(req)
        return WorkspaceServer.html(Layout.page(lang, title: lang.text(.vintages), path: "vintages",
                                                body: try VintagesPage.render(routes.data, a: q.a, b: q.b, lang)))
    }
}
