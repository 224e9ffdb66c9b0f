import MizanSupport
import Testing

@Suite("MallocPolicy: the CLI's allocator thresholds")
struct MallocPolicyTests {
    @Test("glibc accepts both thresholds (mmap 256 MB, trim 2 GB): mallopt is found and answers 1 to each")
    func accepted() {
        #if os(Linux)
        #expect(MallocPolicy.applyNow())
        #expect(MallocPolicy.mmapThreshold == 268_435_456)
        #endif
    }
}
