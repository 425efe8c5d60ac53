/// One team member's buffers for the convolutions of a chunk of `capacity` images: the column
/// matrices, the convolution outputs and pool1's gradient. The passes walk a member's images a
/// chunk at a time so that these (about 270 KB per image in `Float`) stay in the core's cache
/// between the kernel that writes them and the matrix product that reads them. The backward pass
/// rebuilds the columns from the input and the pooled maps instead of keeping them.
final class ConvolutionalScratch<Scalar: TrainingScalar> {
    /// Images per chunk.
    let capacity: Int
    /// conv1's columns `[capacity·676, 9]`.
    let columns1: AlignedBuffer<Scalar>
    /// conv1's output before bias and ReLU, `[capacity, 26, 26, 32]`; in the backward pass `∂L/∂` of it.
    let raw1: AlignedBuffer<Scalar>
    /// conv2's columns `[capacity·100, 288]` in `(i, j, c)` order; in the backward pass also `∂L/∂` of them.
    let columns2: AlignedBuffer<Scalar>
    /// conv2's output at the 10×10 positions pooling reads, before bias and ReLU,
    /// `[capacity, 10, 10, 64]`; in the backward pass `∂L/∂` of it.
    let raw2: AlignedBuffer<Scalar>
    /// `∂L/∂pooled1`, `[capacity, 13, 13, 32]`.
    let pooledGradient1: AlignedBuffer<Scalar>

    /// Buffers for chunks of `capacity` images.
    init(capacity: Int) {
        typealias L = ConvolutionalLayout
        precondition(capacity >= 1, "ConvolutionalScratch: a chunk holds at least one image, got \(capacity)")
        self.capacity = capacity
        columns1 = AlignedBuffer(count: capacity * L.positions1 * L.columns1)
        raw1 = AlignedBuffer(count: capacity * L.positions1 * L.channels1)
        columns2 = AlignedBuffer(count: capacity * L.positions2 * L.columns2)
        raw2 = AlignedBuffer(count: capacity * L.positions2 * L.channels2)
        pooledGradient1 = AlignedBuffer(count: capacity * L.pooledPositions1 * L.channels1)
    }
}
