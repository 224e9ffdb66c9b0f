/// An append-only buffer of trivial values with manual capacity.
///
/// The reader's inner loop appends millions of values to several columns of one chunk; as
/// `Array`s inside a struct each append re-checks uniqueness. A reference to this buffer appends
/// with a bounds check and a store, and its memory can be given back as soon as it is merged.
final class GrowableBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    func append(_ value: Element) {
        if count == capacity { grow() }
        base[count] = value
        count += 1
    }

    /// Appends values one by one: the fields a sheet's cells become are a few bytes long, where
    /// a call to memmove costs more than the copy.
    @inline(__always)
    func append(contentsOf values: UnsafeBufferPointer<Element>) {
        while count + values.count > capacity { grow() }
        for k in 0..<values.count { base[count + k] = values[k] }
        count += values.count
    }

    /// Drops the values from `index` on.
    func truncate(to index: Int) { count = min(count, max(0, index)) }

    private func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    /// Gives the memory back early (the buffer is empty afterwards).
    func release() {
        base.deallocate()
        capacity = 16
        base = .allocate(capacity: capacity)
        count = 0
    }

    deinit { base.deallocate() }
}
