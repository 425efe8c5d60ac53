import Neural

/// A trainer with its model and precision erased, so that `TrainingSession` can hold any of them.
///
/// The conformers wrap `Trainer<Float>`, `Trainer<Double>`, `ConvolutionalTrainer<Float>` and
/// `ConvolutionalTrainer<Double>` in concrete classes: calls from them name the scalar type, so
/// the optimiser specialises the whole training loop (kernels included) for it instead of running
/// generic code through witness tables.
protocol AnyTrainer: AnyObject {
    /// Batches in one epoch.
    var batchesPerEpoch: Int { get }
    /// Multiply-adds of the matrix products in one training epoch (for GFLOP/s).
    var multiplyAddsPerEpoch: Double { get }
    /// `Trainer.trainEpoch`.
    func trainEpoch(shouldStop: () -> Bool, onBatch: (Int) -> Void) -> (tally: BatchTally, batches: Int, diverged: Bool)
    /// `Trainer.evaluate`.
    func evaluate(_ set: LabelledImages) -> BatchTally
    /// The network and its parameters (converted to `Double`) as a weights file that counts
    /// `epochsCompleted` epochs.
    func weights(epochsCompleted: Int) -> WeightsFile
}
