import Neural

/// `Trainer<Float>` behind `AnyTrainer`.
final class FloatTrainer: AnyTrainer {
    /// The wrapped trainer.
    let base: Trainer<Float>
    /// Wraps `base`.
    init(_ base: Trainer<Float>) { self.base = base }
    var batchesPerEpoch: Int { base.batchesPerEpoch }
    var multiplyAddsPerEpoch: Double { base.multiplyAddsPerEpoch }
    func trainEpoch(shouldStop: () -> Bool, onBatch: (Int) -> Void) -> (tally: BatchTally, batches: Int, diverged: Bool) {
        base.trainEpoch(shouldStop: shouldStop, onBatch: onBatch)
    }
    func evaluate(_ set: LabelledImages) -> BatchTally { base.evaluate(set) }
    func weights(epochsCompleted: Int) -> WeightsFile {
        WeightsFile(
            layerSizes: base.network.layerSizes, activation: base.network.activation, precision: .float,
            epochsCompleted: epochsCompleted, parameters: base.network.parameterValues.map { Double($0) })
    }
}
