/// Mini-batch training of an `MLP` in one precision: shuffles with its own generator, gathers each
/// batch of byte images into a reused buffer, and runs forward, loss, backward and the optimizer
/// step without allocating.
final class Trainer<Scalar: TrainingScalar> {
    /// The network being trained.
    let network: MLP<Scalar>
    /// The update rule and its state.
    let optimizer: Optimizer<Scalar>
    /// The training examples.
    let training: LabelledImages
    /// Examples per batch `B`.
    let batchSize: Int
    /// Shuffles the examples each epoch.
    var generator: Xoshiro256StarStar
    private let workspace: Workspace<Scalar>
    private var evaluationWorkspace: Workspace<Scalar>?
    private var order: [Int32]

    /// A trainer for `network` on `training`; `generator` continues from weight initialisation.
    init(network: MLP<Scalar>, optimizer: OptimizerSettings, training: LabelledImages, batchSize: Int, generator: Xoshiro256StarStar) {
        precondition(training.featureCount == network.layerSizes[0], "the network takes \(network.layerSizes[0]) inputs, the images have \(training.featureCount) pixels")
        self.network = network
        self.optimizer = Optimizer(settings: optimizer, parameterCount: network.parameterCount)
        self.training = training
        self.batchSize = batchSize
        self.generator = generator
        workspace = Workspace(layerSizes: network.layerSizes, capacity: batchSize, training: true)
        order = (0..<Int32(training.count)).map { $0 }
    }

    /// Batches in one epoch, `⌈count / B⌉`.
    var batchesPerEpoch: Int { (training.count + batchSize - 1) / batchSize }

    /// One pass over a fresh permutation of the training set. Calls `onBatch(done)` after each batch
    /// and stops early, after the current batch, once `shouldStop()` returns true.
    func trainEpoch(shouldStop: () -> Bool, onBatch: (Int) -> Void) -> (tally: BatchTally, batches: Int) {
        generator.shuffle(&order)
        var tally = BatchTally()
        let features = training.featureCount
        let classes = network.layerSizes.last!
        var batch = 0
        training.pixels.withUnsafeBufferPointer { pixels in
            training.labels.withUnsafeBufferPointer { labels in
                order.withUnsafeBufferPointer { order in
                    var start = 0
                    while start < order.count {
                        let rows = min(batchSize, order.count - start)
                        for i in 0..<rows {
                            let index = order[start + i]
                            workspace.indices[i] = index
                            workspace.labels[i] = labels[Int(index)]
                        }
                        Kernels.gatherScaled(
                            pixels: pixels.baseAddress!, indices: workspace.indices, rows: rows, features: features,
                            into: workspace.activations[0].base)
                        network.forward(workspace, rows: rows)
                        let (loss, correct) = Kernels.softmaxCrossEntropy(
                            workspace.activations[network.layerCount].base, rows: rows, columns: classes,
                            labels: workspace.labels)
                        let target = optimizer.gradientTarget(parameters: network.parameters, rows: rows)
                        network.backward(workspace, rows: rows, into: target.buffer, alpha: target.alpha, beta: target.beta)
                        optimizer.finishStep(parameters: network.parameters)
                        tally.lossSum += loss
                        tally.correct += correct
                        tally.examples += rows
                        start += rows
                        batch += 1
                        onBatch(batch)
                        if shouldStop() { return }
                    }
                }
            }
        }
        return (tally, batch)
    }

    /// Mean cross-entropy and accuracy of the network on `set`, in batches of up to 1000.
    func evaluate(_ set: LabelledImages) -> BatchTally {
        precondition(set.featureCount == network.layerSizes[0], "the network takes \(network.layerSizes[0]) inputs, the images have \(set.featureCount) pixels")
        let capacity = 1000
        let workspace = evaluationWorkspace ?? Workspace(layerSizes: network.layerSizes, capacity: capacity, training: false)
        evaluationWorkspace = workspace
        var tally = BatchTally()
        let classes = network.layerSizes.last!
        set.pixels.withUnsafeBufferPointer { pixels in
            set.labels.withUnsafeBufferPointer { labels in
                var start = 0
                while start < set.count {
                    let rows = min(capacity, set.count - start)
                    for i in 0..<rows {
                        workspace.indices[i] = Int32(start + i)
                        workspace.labels[i] = labels[start + i]
                    }
                    Kernels.gatherScaled(
                        pixels: pixels.baseAddress!, indices: workspace.indices, rows: rows, features: set.featureCount,
                        into: workspace.activations[0].base)
                    network.forward(workspace, rows: rows)
                    let (loss, correct) = Kernels.softmaxCrossEntropy(
                        workspace.activations[network.layerCount].base, rows: rows, columns: classes, labels: workspace.labels)
                    tally.lossSum += loss
                    tally.correct += correct
                    tally.examples += rows
                    start += rows
                }
            }
        }
        return tally
    }
}
