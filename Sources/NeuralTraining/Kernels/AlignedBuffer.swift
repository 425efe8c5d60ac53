/// A fixed-size, 64-byte-aligned, zero-filled block of scalars owned by the training loop and
/// reused from batch to batch, so that a training step allocates nothing.
final class AlignedBuffer<Scalar: TrainingScalar>: @unchecked Sendable {
    /// The number of scalars.
    let count: Int
    /// The first scalar; valid for `count` scalars until the buffer is released.
    let base: UnsafeMutablePointer<Scalar>

    /// Allocates `count` scalars set to zero.
    init(count: Int) {
        precondition(count >= 0, "negative buffer size \(count)")
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: max(1, count) * MemoryLayout<Scalar>.stride, alignment: 64)
        base = raw.bindMemory(to: Scalar.self, capacity: max(1, count))
        base.initialize(repeating: 0, count: max(1, count))
    }

    deinit { base.deallocate() }

    /// Sets every scalar to zero.
    func zero() { base.update(repeating: 0, count: count) }

    /// The scalars as an array (for tests, saving and reporting).
    var array: [Scalar] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// True when every scalar is finite (no NaN, no infinity); one pass over the buffer.
    var isAllFinite: Bool {
        // x·0 is 0 for finite x and NaN for NaN and ±∞, so the sum is 0 exactly when all are finite.
        var poison: Scalar = 0
        for i in 0..<count { poison += base[i] * 0 }
        return poison == 0
    }
}
