/// The per-batch buffers of a training or evaluation pass, allocated once for the largest batch
/// and reused: the input batch, every layer's activations and every layer's error signal.
final class Workspace<Scalar: TrainingScalar> {
    /// The most rows a pass may use.
    let capacity: Int
    /// `activations[0]` is the input batch `X`; `activations[l + 1]` is layer `l`'s output
    /// (the last one holds the logits, then `p − onehot(y)` after the loss kernel).
    let activations: [AlignedBuffer<Scalar>]
    /// `deltas[l]` is `∂loss/∂zₗ` for hidden layer `l` (`capacity × nₗ₊₁`); the output layer's
    /// error signal stays in the last activation buffer.
    let deltas: [AlignedBuffer<Scalar>]
    /// `masks[l]` is hidden layer `l`'s dropout mask for the current batch (`capacity × nₗ₊₁`, each
    /// entry 0 or `1/(1 − p)`); empty without dropout.
    let masks: [AlignedBuffer<Scalar>]
    /// The training-set indices of the current batch.
    let indices: UnsafeMutablePointer<Int32>
    /// The labels of the current batch.
    let labels: UnsafeMutablePointer<UInt8>

    /// Buffers for `capacity` rows of a network with widths `layerSizes`.
    init(layerSizes: [Int], capacity: Int, training: Bool, dropout: Bool = false) {
        self.capacity = capacity
        activations = layerSizes.map { AlignedBuffer(count: capacity * $0) }
        deltas = training ? layerSizes.dropFirst().dropLast().map { AlignedBuffer(count: capacity * $0) } : []
        masks = training && dropout ? layerSizes.dropFirst().dropLast().map { AlignedBuffer(count: capacity * $0) } : []
        indices = .allocate(capacity: capacity)
        indices.initialize(repeating: 0, count: capacity)
        labels = .allocate(capacity: capacity)
        labels.initialize(repeating: 0, count: capacity)
    }

    deinit {
        indices.deallocate()
        labels.deallocate()
    }
}
