/// `ConvolutionalTrainer<Double>` behind `AnyTrainer`.
final class DoubleConvolutionalTrainer: AnyTrainer {
    /// The wrapped trainer.
    let base: ConvolutionalTrainer<Double>
    /// Wraps `base`.
    init(_ base: ConvolutionalTrainer<Double>) { self.base = base }
    var batchesPerEpoch: Int { base.batchesPerEpoch }
    var multiplyAddsPerEpoch: Double { base.multiplyAddsPerEpoch }
    func trainEpoch(shouldStop: () -> Bool, onBatch: (Int) -> Void) -> (tally: BatchTally, batches: Int, diverged: Bool) {
        base.trainEpoch(shouldStop: shouldStop, onBatch: onBatch)
    }
    func evaluate(_ set: LabelledImages) -> BatchTally { base.evaluate(set) }
    func weights(epochsCompleted: Int) -> WeightsFile {
        WeightsFile.cnn(precision: .double, epochsCompleted: epochsCompleted, parameters: base.network.parameterValues)
    }
}
