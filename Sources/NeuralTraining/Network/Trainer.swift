import Neural

/// Mini-batch training of a `TrainingNetwork` in one precision: shuffles with its own generator, gathers each
/// batch of byte images into a reused buffer, and runs forward, loss, backward and the optimizer
/// step without allocating. With a `WorkerTeam` each step runs in parallel phases: members take
/// disjoint rows for the forward pass, the loss and the error signals, then disjoint output
/// columns for the weight gradients, then disjoint parameter ranges for the optimizer update.
final class Trainer<Scalar: TrainingScalar> {
    /// The network being trained.
    let network: TrainingNetwork<Scalar>
    /// The update rule and its state.
    let optimizer: Optimizer<Scalar>
    /// The training examples.
    let training: LabelledImages
    /// Examples per batch `B`.
    let batchSize: Int
    /// Shuffles the examples each epoch, and draws the dropout masks.
    var generator: SeededGenerator
    /// The dropout rule (`Neural`'s inverted dropout) applied to every hidden layer in training.
    let dropout: Dropout
    private let workspace: Workspace<Scalar>
    private var evaluationWorkspace: Workspace<Scalar>?
    private var order: [Int32]
    /// A `WorkerTeam` when training on several threads (typed `AnyObject` for availability).
    private let teamStorage: AnyObject?
    /// Per-member loss sums and correct counts of the current batch, 8 slots apart (no false sharing).
    private var partialLoss: [Double]
    private var partialCorrect: [Int]

    /// A trainer for `network` on `training`; `generator` continues from weight initialisation.
    /// With `threads > 1` it trains with a team of that many threads (BLAS should then use one).
    init(
        network: TrainingNetwork<Scalar>, optimizer: OptimizerSettings, training: LabelledImages, batchSize: Int,
        generator: SeededGenerator, threads: Int = 1, dropout: Double = 0
    ) {
        precondition(training.featureCount == network.layerSizes[0], "the network takes \(network.layerSizes[0]) inputs, the images have \(training.featureCount) pixels")
        self.network = network
        self.optimizer = Optimizer(settings: optimizer, parameterCount: network.parameterCount)
        self.training = training
        self.batchSize = batchSize
        self.generator = generator
        self.dropout = Dropout(rate: dropout)
        workspace = Workspace(layerSizes: network.layerSizes, capacity: batchSize, training: true, dropout: dropout > 0)
        order = (0..<Int32(training.count)).map { $0 }
        if threads > 1, #available(macOS 15.0, *) {
            teamStorage = WorkerTeam(size: threads)
        } else {
            teamStorage = nil
        }
        partialLoss = Array(repeating: 0, count: 8 * max(1, threads))
        partialCorrect = Array(repeating: 0, count: 8 * max(1, threads))
    }

    /// Batches in one epoch, `⌈count / B⌉`.
    var batchesPerEpoch: Int { (training.count + batchSize - 1) / batchSize }

    /// Multiply-adds of the matrix products in one epoch: per example `Σₗ nₗ·nₗ₊₁` forward, as many
    /// for the weight gradients, and the error signals of every layer but the first.
    var multiplyAddsPerEpoch: Double {
        let sizes = network.layerSizes
        let products = zip(sizes, sizes.dropFirst()).map { $0 * $1 }
        return Double(training.count) * Double(2 * products.reduce(0, +) + products.dropFirst().reduce(0, +))
    }

    /// One pass over a fresh permutation of the training set. Calls `onBatch(done)` after each batch
    /// and stops early, after the current batch, once `shouldStop()` returns true. Stops at once,
    /// reporting `diverged`, after a batch whose loss is not finite, or when the parameters are not
    /// all finite after the last batch.
    func trainEpoch(shouldStop: () -> Bool, onBatch: (Int) -> Void) -> (tally: BatchTally, batches: Int, diverged: Bool) {
        generator.shuffle(&order)
        var tally = BatchTally()
        var batch = 0
        var diverged = false
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
                        drawMasks(rows: rows)
                        let (loss, correct) = step(rows: rows, pixels: pixels.baseAddress!)
                        tally.lossSum += loss
                        tally.correct += correct
                        tally.examples += rows
                        start += rows
                        batch += 1
                        // Non-finite weights or logits make the loss sum NaN or infinite: one
                        // comparison per batch instead of a sweep over the parameters.
                        guard loss.isFinite else { diverged = true; return }
                        onBatch(batch)
                        if shouldStop() { return }
                    }
                }
            }
        }
        // The last step's update meets no loss in this epoch (and ReLU can hide a NaN weight from
        // the loss), so the parameters are swept once, when the epoch is about to count.
        if !diverged, batch == batchesPerEpoch, !network.parametersAreFinite { diverged = true }
        return (tally, batch, diverged)
    }

    /// Fills each hidden layer's mask for `rows` rows from `generator`, layer by layer and row by row,
    /// before the step, so the masks do not depend on how threads share the rows: each entry is
    /// `1/(1 − p)` when a uniform draw is below `1 − p`, else 0, the rule of `Neural`'s `Dropout.mask`.
    private func drawMasks(rows: Int) {
        guard !workspace.masks.isEmpty else { return }
        let keep = dropout.keepProbability
        let scale = Scalar(1 / keep)
        for (l, mask) in workspace.masks.enumerated() {
            let count = rows * network.layerSizes[l + 1]
            for i in 0..<count { mask.base[i] = generator.nextUniform() < keep ? scale : 0 }
        }
    }

    /// One training step on the `rows` examples listed in the workspace; returns (loss sum, correct).
    private func step(rows: Int, pixels: UnsafePointer<UInt8>) -> (Double, Int) {
        let target = optimizer.gradientTarget(parameters: network.parameters, rows: rows)
        guard #available(macOS 15.0, *), let team = teamStorage as? WorkerTeam else {
            let (loss, correct) = lossAndErrors(rows: 0..<rows, pixels: pixels)
            network.accumulateGradients(workspace, rows: rows, into: target.buffer, alpha: target.alpha, beta: target.beta)
            optimizer.finishStep(parameters: network.parameters)
            return (loss, correct)
        }
        let members = team.size
        team.run { member in
            let (loss, correct) = lossAndErrors(rows: WorkerTeamShare.rows(rows, member: member, members: members), pixels: pixels)
            partialLoss[8 * member] = loss
            partialCorrect[8 * member] = correct
        }
        team.run { member in
            network.accumulateGradients(
                workspace, rows: rows, into: target.buffer, alpha: target.alpha, beta: target.beta,
                member: member, members: members)
        }
        if optimizer.needsUpdatePass {
            optimizer.beginStep()
            let count = network.parameterCount
            team.run { member in
                optimizer.update(parameters: network.parameters, range: WorkerTeamShare.range(count, member: member, members: members))
            }
        }
        var loss = 0.0, correct = 0
        for member in 0..<members {
            loss += partialLoss[8 * member]
            correct += partialCorrect[8 * member]
        }
        return (loss, correct)
    }

    /// Gathers `rows` of the batch, runs the forward pass and the loss kernel on them and
    /// propagates their error signals; returns their (loss sum, correct).
    private func lossAndErrors(rows: Range<Int>, pixels: UnsafePointer<UInt8>) -> (Double, Int) {
        guard !rows.isEmpty else { return (0, 0) }
        let features = training.featureCount, classes = network.layerSizes.last!
        Kernels.gatherScaled(
            pixels: pixels, indices: workspace.indices + rows.lowerBound, rows: rows.count, features: features,
            into: workspace.activations[0].base + rows.lowerBound * features)
        network.forward(workspace, rows: rows)
        let result = Kernels.softmaxCrossEntropy(
            workspace.activations[network.layerCount].base + rows.lowerBound * classes, rows: rows.count, columns: classes,
            labels: workspace.labels + rows.lowerBound)
        network.propagateErrors(workspace, rows: rows)
        return result
    }

    /// The mean loss `(1/B) Σ −ln p_y` and the mean gradient `(1/B) Σ ∂loss/∂θ` (parameter layout)
    /// of the training examples `examples`, by the same phases as a step (team included), without
    /// updating anything (for tests against `Neural`'s autograd). Without dropout only.
    ///
    /// - Precondition: `1 ≤ examples.count ≤ batchSize`, every index in the training set, no dropout.
    func lossAndGradient(examples: [Int]) -> (loss: Double, correct: Int, gradient: [Scalar]) {
        precondition((1...batchSize).contains(examples.count) && examples.allSatisfy { (0..<training.count).contains($0) },
                     "lossAndGradient: \(examples.count) examples for a batch of \(batchSize) from \(training.count)")
        precondition(workspace.masks.isEmpty, "lossAndGradient: not with dropout")
        let rows = examples.count
        for (i, index) in examples.enumerated() {
            workspace.indices[i] = Int32(index)
            workspace.labels[i] = training.labels[index]
        }
        let gradient = AlignedBuffer<Scalar>(count: network.parameterCount)
        let alpha = 1 / Scalar(rows)
        var loss = 0.0, correct = 0
        training.pixels.withUnsafeBufferPointer { pixels in
            if #available(macOS 15.0, *), let team = teamStorage as? WorkerTeam {
                team.run { member in
                    let share = WorkerTeamShare.rows(rows, member: member, members: team.size)
                    let (memberLoss, memberCorrect) = lossAndErrors(rows: share, pixels: pixels.baseAddress!)
                    partialLoss[8 * member] = memberLoss
                    partialCorrect[8 * member] = memberCorrect
                }
                team.run { member in
                    network.accumulateGradients(
                        workspace, rows: rows, into: gradient.base, alpha: alpha, beta: 0, member: member, members: team.size)
                }
                for member in 0..<team.size {
                    loss += partialLoss[8 * member]
                    correct += partialCorrect[8 * member]
                }
            } else {
                (loss, correct) = lossAndErrors(rows: 0..<rows, pixels: pixels.baseAddress!)
                network.accumulateGradients(workspace, rows: rows, into: gradient.base, alpha: alpha, beta: 0)
            }
        }
        return (loss / Double(rows), correct, gradient.array)
    }

    /// Mean cross-entropy and accuracy of the network on `set`, in batches of up to 1000.
    func evaluate(_ set: LabelledImages) -> BatchTally {
        precondition(set.featureCount == network.layerSizes[0], "the network takes \(network.layerSizes[0]) inputs, the images have \(set.featureCount) pixels")
        let capacity = TrainingLimits.evaluationBatchSize
        let workspace = evaluationWorkspace ?? Workspace(layerSizes: network.layerSizes, capacity: capacity, training: false)
        evaluationWorkspace = workspace
        var tally = BatchTally()
        let classes = network.layerSizes.last!, features = set.featureCount
        set.pixels.withUnsafeBufferPointer { pixels in
            set.labels.withUnsafeBufferPointer { labels in
                var start = 0
                while start < set.count {
                    let rows = min(capacity, set.count - start)
                    for i in 0..<rows {
                        workspace.indices[i] = Int32(start + i)
                        workspace.labels[i] = labels[start + i]
                    }
                    let forward = { (part: Range<Int>) -> (Double, Int) in
                        guard !part.isEmpty else { return (0, 0) }
                        Kernels.gatherScaled(
                            pixels: pixels.baseAddress!, indices: workspace.indices + part.lowerBound, rows: part.count,
                            features: features, into: workspace.activations[0].base + part.lowerBound * features)
                        self.network.forward(workspace, rows: part)
                        return Kernels.softmaxCrossEntropy(
                            workspace.activations[self.network.layerCount].base + part.lowerBound * classes,
                            rows: part.count, columns: classes, labels: workspace.labels + part.lowerBound)
                    }
                    if #available(macOS 15.0, *), let team = teamStorage as? WorkerTeam {
                        team.run { member in
                            let (loss, correct) = forward(WorkerTeamShare.rows(rows, member: member, members: team.size))
                            partialLoss[8 * member] = loss
                            partialCorrect[8 * member] = correct
                        }
                        for member in 0..<team.size {
                            tally.lossSum += partialLoss[8 * member]
                            tally.correct += partialCorrect[8 * member]
                        }
                    } else {
                        let (loss, correct) = forward(0..<rows)
                        tally.lossSum += loss
                        tally.correct += correct
                    }
                    tally.examples += rows
                    start += rows
                }
            }
        }
        return tally
    }
}
