import Hummingbird

/// `/{lang}/counsellor`: the form (GET), and the answer to a posted profile (POST), decoded into a
/// `CounsellorForm`; a slip in what was typed returns the form filled in with its messages.
struct CounsellorController {
    let routes: Routes

    func register(on router: Router<BasicRequestContext>) {
        Routes.page(router, ":lang/counsellor") { req, c in try form(req, c) }
        router.post(":lang/counsellor") { req, c in try await answer(req, c) }
    }

    func form(_ req: Request, _ c: BasicRequestContext) throws -> Response {
        let lang = try WorkspaceServer.language(c)
        try Routes.noQuery(req)
        return WorkspaceServer.html(Layout.page(lang, title: lang.text(.counsellor), path: "counsellor", body: CounsellorPage.form(routes.data, lang)),
                                    private: true)
    }

    func answer(_ req: Request, _ c: BasicRequestContext) async throws -> Response {
        let lang = try WorkspaceServer.language(c)
        let data = routes.data
        let body: ByteBuffer
        do { body = try await req.body.collect(upTo: CounsellorForm.maximumBytes) } catch {
            throw WorkspaceError(.contentTooLarge, .tooLarge)
        }
        let items = try CounsellorForm.decode(Array(buffer: body))
        do {
            let form = try CounsellorForm.parse(items, regions: Set(data.regions), lang: lang)
            guard let engine = await data.counselling.engine() else { throw data.counselling.refusal }
            let page = try await routes.recommendations.run { try CounsellorPage.answer(engine, data, form, lang) }
            return WorkspaceServer.html(Layout.page(lang, title: lang.text(.counsellor), path: "counsellor", body: page), private: true)
        } catch let e as WorkspaceError where !e.fields.isEmpty {
            // Refused for what was typed: the form comes back filled in, each message beside its field.
            let page = CounsellorPage.refused(e, data, CounsellorForm.refill(items, regions: Set(data.regions)), lang)
            var r = WorkspaceServer.html(Layout.page(lang, title: lang.text(.counsellor), path: "counsellor", body: page), private: true)
            r.status = .badRequest
            return r
        }
    }
}
