import Hummingbird

/// `/{lang}/shortages` and `/{lang}/shortages.csv`: the list with its filters (`ListQuery`), and
/// exactly the rows shown as CSV.
struct ShortageListController {
    let routes: Routes

    func register(on router: Router<BasicRequestContext>) {
        Routes.page(router, ":lang/shortages") { req, c in try list(req, c) }
        Routes.page(router, ":lang/shortages.csv") { req, c in try csv(req, c) }
    }

    func list(_ req: Request, _ c: BasicRequestContext) throws -> Response {
        let lang = try WorkspaceServer.language(c)
        let q = try WorkspaceServer.listQuery(req, routes.data, routes.regions)
        return routes.cache.page("\(lang.rawValue)/shortages?\(HTML.query(q.items))") {
            WorkspaceServer.html(Layout.page(lang, title: lang.text(.shortageList), path: "shortages", query: HTML.query(q.items),
                                             body: ShortageListPage.render(routes.data, q, lang)))
        }
    }

    func csv(_ req: Request, _ c: BasicRequestContext) throws -> Response {
        let lang = try WorkspaceServer.language(c)
        let q = try WorkspaceServer.listQuery(req, routes.data, routes.regions)
        return routes.cache.page("\(lang.rawValue)/shortages.csv?\(HTML.query(q.items))") {
            let rows = routes.data.listing.rows(q.horizon, q.sex).map(q.apply) ?? []
            var r = Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
                             body: .init(byteBuffer: ByteBuffer(bytes: CSVExport.shortages(rows, lang: lang, titles: routes.data.titles))))
            r.headers[.contentDisposition] = "attachment; filename=\"shortages-\(q.region)-\(q.horizon.rawValue).csv\""
            return r
        }
    }
}
