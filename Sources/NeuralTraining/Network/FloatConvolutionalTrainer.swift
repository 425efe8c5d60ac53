/// `ConvolutionalTrainer<Float>` behind `AnyTrainer`.
final class FloatConvolutionalTrainer: AnyTrainer {
    /// The wrapped trainer.
    let base: ConvolutionalTrainer<Float>
    /// Wraps `base`.
    init(_ base: ConvolutionalTrainer<Float>) { self.base = base }
    var batchesPerEpoch: Int { base.batchesPerEpoch }
    var multiplyAddsPerEpoch: Double { base.multiplyAddsPerEpoch }
    func trainEpoch(shouldStop: () -> Bool, onBatch: (Int) -> Void) -> (tally: BatchTally, batches: Int, diverged: Bool) {
        base.trainEpoch(shouldStop: shouldStop, onBatch: onBatch)
    }
    func evaluate(_ set: LabelledImages) -> BatchTally { base.evaluate(set) }
    func weights(epochsCompleted: Int) -> WeightsFile {
        WeightsFile.cnn(precision: .float, epochsCompleted: epochsCompleted, parameters: base.network.parameterValues.map { Double($0) })
    }
}
