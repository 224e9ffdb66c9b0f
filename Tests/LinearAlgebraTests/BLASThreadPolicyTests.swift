import Foundation
import LinearAlgebra
import Testing

@Suite("BLAS thread policy")
struct BLASThreadPolicyTests {
    /// OpenBLAS's `blas_server_avail`: 1 while its worker threads exist (nil where the library
    /// does not export it).
    static func workersRunning() -> Bool? {
        guard let process = dlopen(nil, RTLD_NOW), let flag = dlsym(process, "blas_server_avail") else { return nil }
        return flag.assumingMemoryBound(to: Int32.self).pointee != 0
    }

    @Test("after the policy and a product, OpenBLAS has no worker threads (they spun in sched_yield from the library's load on)")
    func workersStopped() throws {
        BLASThreadPolicy.applyNow()
        let a = Matrix(rows: 300, columns: 300, repeating: 0.5)
        let c = try BLAS.product(.none, a, .none, a)
        #expect(c[0, 0] == 75)  // 300 × 0.25, exact in binary
        let running = try #require(Self.workersRunning(), "this OpenBLAS does not export blas_server_avail")
        #expect(!running)
    }
}
