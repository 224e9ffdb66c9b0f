import Foundation
import Hummingbird
import LabourData

/// What every controller shares: the data, the regions a path may name, the page cache and the
/// queue recommendations wait in; and the checks each page makes of its path and query.
struct Routes: Sendable {
    let data: WorkspaceData
    let regions: Set<String>
    let cache: PageCache
    let recommendations: FairQueue

    init(_ data: WorkspaceData) {
        self.data = data
        regions = Set(data.regions + [Regions.total])
        cache = PageCache()
        recommendations = FairQueue(width: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Registers `handler` for GET and HEAD (the Guard drops a HEAD's body).
    static func page(_ router: Router<BasicRequestContext>, _ path: RouterPath,
                     _ handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response) {
        router.get(path, use: handler)
        router.head(path, use: handler)
    }

    /// A page without filters: a query it does not read is refused, not ignored.
    static func noQuery(_ req: Request) throws(WorkspaceError) {
        if let q = req.uri.query, !q.isEmpty { throw WorkspaceError(.badRequest, .badParameter, detail: "?" + q) }
    }

    /// The region and ISCO code of a cell path (`…/:region/:isco`): a region of the bundle (by code
    /// or name) and one to four digits.
    func cell(_ c: BasicRequestContext) throws(WorkspaceError) -> (region: String, isco: String) {
        let rawRegion = c.parameters.get("region") ?? "", isco = c.parameters.get("isco") ?? ""
        guard case .code(let region) = RegionNames.resolve(rawRegion), regions.contains(region) else {
            throw WorkspaceError(.badRequest, .badRegion, detail: rawRegion)
        }
        guard (1...4).contains(isco.count), isco.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw WorkspaceError(.badRequest, .badIsco, detail: isco) }
        return (region, isco)
    }
}
