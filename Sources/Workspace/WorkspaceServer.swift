import Foundation
import Hummingbird
import HummingbirdCore
import LabourData
import Logging

/// `mizan serve`: the routes of the workspace on Hummingbird. Every page is rendered on the
/// server; the only script is the skills type-ahead, and every page works without it.
public enum WorkspaceServer {
    /// The routes, for the server and for in-process tests alike.
    public static func router(_ data: WorkspaceData, logger: Logger? = nil) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: Guard(logger: logger))
        Routes.page(router, "/") { _, _ in Response(status: .seeOther, headers: [.location: "/fr/shortages"]) }
        Routes.page(router, "/health") { _, _ in text("ok\n", "text/plain; charset=utf-8") }
        Routes.page(router, "/static/mizan.css") { _, _ in text(Assets.css, "text/css; charset=utf-8") }
        Routes.page(router, "/static/mizan.js") { _, _ in text(Assets.js, "text/javascript; charset=utf-8") }
        Routes.page(router, ":lang") { _, c in Response(status: .seeOther, headers: [.location: "/\(try language(c).rawValue)/shortages"]) }
        // One controller per page (Controllers/), each decoding its path and query into types.
        let routes = Routes(data)
        ShortageListController(routes: routes).register(on: router)
        OccupationController(routes: routes).register(on: router)
        CounsellorController(routes: routes).register(on: router)
        VintagesController(routes: routes).register(on: router)
        ScenariosController(routes: routes).register(on: router)
        SkillsAPIController(routes: routes).register(on: router)
        return router
    }

    /// Runs the server until interrupted. Binds to 127.0.0.1 unless told otherwise.
    /// - Parameter readTimeout: a connection that sends nothing for this long while its request is
    ///   being read (half its headers, a body that stops) or between requests is closed, so slow or
    ///   silent clients cannot hold the server's connections.
    /// - Parameter maxConnections: connections open at once; further ones wait in the listen queue
    ///   until one closes (with the read timeout, slow clients cycle out instead of piling up).
    public static func run(_ data: WorkspaceData, host: String = "127.0.0.1", port: Int = 8080, readTimeout: Int = 10,
                           maxConnections: Int = 256, logger: Logger) async throws {
        let app = Application(router: router(data, logger: logger),
                              server: .http1(configuration: .init(idleTimeout: .seconds(Int64(readTimeout)))),
                              configuration: .init(address: .hostname(host, port: port), serverName: "Mizan",
                                                   availableConnectionsDelegate: MaximumAvailableConnections(maxConnections)),
                              logger: logger)
        try await app.runService()
    }

    // MARK: Helpers

    static func language(_ c: BasicRequestContext) throws(WorkspaceError) -> WorkspaceLanguage {
        guard let l = c.parameters.get("lang").flatMap(WorkspaceLanguage.init(rawValue:)) else { throw WorkspaceError(.notFound, .notFound) }
        return l
    }

    /// Query parameters, percent-decoded and checked as UTF-8 (bad bytes are a 400).
    static func queryItems(_ req: Request) throws(WorkspaceError) -> [(String, String)] {
        guard let q = req.uri.query, !q.isEmpty else { return [] }
        return try CounsellorForm.decode(Array(q.utf8))
    }

    static func listQuery(_ req: Request, _ data: WorkspaceData, _ regions: Set<String>) throws(WorkspaceError) -> ListQuery {
        var items = try queryItems(req)
        // A year names the horizon: the list year (now) or the target year; any other is refused.
        if let k = items.firstIndex(where: { $0.0 == "year" }) {
            let y = items[k].1
            items.remove(at: k)
            if y == String(data.listing.targetYear) { items.append(("horizon", "target")) }
            else if y == String(data.listing.baseYear) { items.append(("horizon", "now")) }
            else { throw WorkspaceError(.badRequest, .badYear, detail: "\(y) (\(data.listing.baseYear), \(data.listing.targetYear))") }
        }
        return try ListQuery.parse(items, regions: regions)
    }

    static func html(_ s: String, private isPrivate: Bool = false) -> Response {
        var r = Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: s)))
        if isPrivate { r.headers[.cacheControl] = "no-store" }
        return r
    }

    static func text(_ s: String, _ type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: s)))
    }
}

/// Security headers on every response, refused requests turned into pages in the reader's
/// language (never a 500 for bad input, a 500 page for a bug), and a log line per request with
/// method, path and status only: no query string, no body, nothing a person typed.
struct Guard: RouterMiddleware {
    typealias Context = BasicRequestContext
    let logger: Logger?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        let lang = WorkspaceLanguage(rawValue: String(request.uri.path.split(separator: "/").first ?? "fr")) ?? .fr
        do {
            guard [.get, .head, .post].contains(request.method) else { throw WorkspaceError(.methodNotAllowed, .methodNotAllowed) }
            response = try await next(request, context)
        } catch {
            let refusal = Self.refusal(for: error)
            // An internal error is logged by its type only: its description may hold what was typed.
            if refusal.status == .internalError { logger?.error("internal error (\(String(describing: type(of: error))))") }
            response = Self.page(refusal, lang)
        }
        response.headers[.contentSecurityPolicy] = Assets.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        if request.method == .head { response.body = .init() }
        if response.status.code == 405 { response.headers[.allow] = "GET, HEAD, POST" }
        logger?.info("\(request.method) \(request.uri.path) \(response.status.code)")
        return response
    }

    /// What a failed request answers: the refusal itself; Hummingbird's own 404 and 413 as ours;
    /// another 4xx as a bad parameter; anything else — a bug, not the reader's input — a 500
    /// page in the reader's language.
    static func refusal(for error: Error) -> WorkspaceError {
        if let e = error as? WorkspaceError { return e }
        if let e = error as? HTTPError {
            switch e.status.code {
            case 404: return WorkspaceError(.notFound, .notFound)
            case 413: return WorkspaceError(.contentTooLarge, .tooLarge)
            case 400..<500: return WorkspaceError(.badRequest, .badParameter)
            default: break
            }
        }
        return WorkspaceError(.internalError, .internalError)
    }

    static func page(_ e: WorkspaceError, _ lang: WorkspaceLanguage) -> Response {
        Response(status: .init(code: e.status.rawValue), headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: ErrorPage.render(e, lang))))
    }
}
