import Foundation
import Hummingbird

/// `/api/skills?q=&lang=`: the type-ahead — ESCO skills matching what was typed, in either
/// language, each once, labelled in the page's language.
struct SkillsAPIController {
    let routes: Routes

    struct Query { var q = "", lang = WorkspaceLanguage.fr }

    func register(on router: Router<BasicRequestContext>) {
        Routes.page(router, "/api/skills") { req, _ in try await search(req) }
    }

    static func query(_ req: Request) throws(WorkspaceError) -> Query {
        var query = Query()
        for (k, v) in try WorkspaceServer.queryItems(req) {
            switch k {
            case "q": query.q = v
            case "lang":
                guard let l = WorkspaceLanguage(rawValue: v) else { throw WorkspaceError(.badRequest, .badParameter, detail: "lang") }
                query.lang = l
            default: throw WorkspaceError(.badRequest, .badParameter, detail: k)
            }
        }
        guard query.q.count <= 100 else { throw WorkspaceError(.badRequest, .badParameter, detail: "q") }
        return query
    }

    func search(_ req: Request) async throws -> Response {
        let query = try Self.query(req)
        let data = routes.data
        guard let engine = await data.counselling.engine() else { throw data.counselling.refusal }
        // Matched in either language (a French speaker may type an English term), shown in the
        // page's: each skill once, by the label of the reader's language.
        let hits = query.q.count < 2 ? [] : engine.labels.skills.search(query.q, top: 10)
        var seen = Set<Int>()
        let items = hits.filter { seen.insert($0.target).inserted }.map { hit -> [String: String] in
            let skill = engine.labels.esco.skills[hit.target]
            return ["label": skill.label(query.lang.dataLanguage), "uri": skill.uri]
        }
        let json = try JSONSerialization.data(withJSONObject: items, options: [.sortedKeys])
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: Array(json))))
    }
}
