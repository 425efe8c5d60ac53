import Neural

/// A `Trainer` with its precision erased, so that `TrainingSession` can hold either.
///
/// The two conformers wrap `Trainer<Float>` and `Trainer<Double>` in concrete classes: calls from
/// them name the scalar type, so the optimiser specialises the whole training loop (kernels
/// included) for it instead of running generic code through witness tables.
protocol AnyTrainer: AnyObject {
    /// Batches in one epoch.
    var batchesPerEpoch: Int { get }
    /// The network's widths.
    var layerSizes: [Int] { get }
    /// The network's hidden nonlinearity.
    var activation: Activation { get }
    /// `Trainer.trainEpoch`.
    func trainEpoch(shouldStop: () -> Bool, onBatch: (Int) -> Void) -> (tally: BatchTally, batches: Int, diverged: Bool)
    /// `Trainer.evaluate`.
    func evaluate(_ set: LabelledImages) -> BatchTally
    /// The parameters converted to `Double`, in the `TrainingNetwork` layout.
    func parameterValues() -> [Double]
}
