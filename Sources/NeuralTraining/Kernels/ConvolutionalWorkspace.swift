/// The per-batch buffers of `ConvolutionalNetwork`'s passes that live from the forward pass to
/// the backward pass, allocated once for `capacity` images and reused. Every buffer holds the
/// images of the batch one after the other, so a team member's share of the images is one
/// contiguous block in each. Image maps are NHWC. The large per-position buffers of the
/// convolutions live in each member's `ConvolutionalScratch` instead, a few images at a time.
final class ConvolutionalWorkspace<Scalar: TrainingScalar> {
    /// The most images a pass may use.
    let capacity: Int
    /// The batch, scaled to `[0, 1]`: `[capacity, 28, 28]`.
    let input: AlignedBuffer<Scalar>
    /// After conv1, pooling, bias and ReLU: `[capacity, 13, 13, 32]`, and the winning window
    /// positions (`ConvolutionKernels.maxPoolBiasReLU`).
    let pooled1: AlignedBuffer<Scalar>
    let argmax1: UnsafeMutablePointer<UInt8>
    /// After conv2, pooling, bias and ReLU, `[capacity, 5, 5, 64]`: fc1's input, in (H, W, C)
    /// order (fc1 reads its weight rows permuted to match), and the winning window positions.
    let flat: AlignedBuffer<Scalar>
    let argmax2: UnsafeMutablePointer<UInt8>
    /// fc1's output after ReLU, `[capacity, 128]`.
    let hidden: AlignedBuffer<Scalar>
    /// The logits `[capacity, 10]`; `p − onehot(y)` after the loss kernel.
    let logits: AlignedBuffer<Scalar>
    /// Training only (empty otherwise): `∂L/∂flat` and `∂L/∂(fc1's pre-activation)`.
    let flatGradient: AlignedBuffer<Scalar>, hiddenGradient: AlignedBuffer<Scalar>
    /// The training-set indices and the labels of the current batch.
    let indices: UnsafeMutablePointer<Int32>
    let labels: UnsafeMutablePointer<UInt8>

    /// Buffers for `capacity` images; `training` adds the gradient buffers.
    init(capacity: Int, training: Bool) {
        typealias L = ConvolutionalLayout
        self.capacity = capacity
        input = AlignedBuffer(count: capacity * L.inputSide * L.inputSide)
        pooled1 = AlignedBuffer(count: capacity * L.pooledPositions1 * L.channels1)
        flat = AlignedBuffer(count: capacity * L.flatFeatures)
        hidden = AlignedBuffer(count: capacity * L.hiddenUnits)
        logits = AlignedBuffer(count: capacity * L.classes)
        flatGradient = AlignedBuffer(count: (training ? capacity : 0) * L.flatFeatures)
        hiddenGradient = AlignedBuffer(count: (training ? capacity : 0) * L.hiddenUnits)
        let pooledCount = max(1, capacity * L.pooledPositions1 * L.channels1), flatCount = max(1, capacity * L.flatFeatures)
        argmax1 = .allocate(capacity: pooledCount)
        argmax1.initialize(repeating: 0, count: pooledCount)
        argmax2 = .allocate(capacity: flatCount)
        argmax2.initialize(repeating: 0, count: flatCount)
        indices = .allocate(capacity: max(1, capacity))
        indices.initialize(repeating: 0, count: max(1, capacity))
        labels = .allocate(capacity: max(1, capacity))
        labels.initialize(repeating: 0, count: max(1, capacity))
    }

    deinit {
        argmax1.deallocate()
        argmax2.deallocate()
        indices.deallocate()
        labels.deallocate()
    }
}
