import Neural

/// Mini-batch training of a `ConvolutionalNetwork` in one precision, as `Trainer` trains an MLP:
/// shuffles with its own generator, gathers each batch of byte images into a reused workspace,
/// and runs forward, loss, backward and the optimizer step without allocating.
///
/// With a `WorkerTeam` a step is two phases. (1) Members take disjoint image ranges of the batch
/// and run the forward pass, the loss and the backward pass on them, each writing the summed
/// gradient of its images into its own buffer. (2) Members take disjoint parameter ranges, sum the
/// members' buffers into the optimizer's gradient target (`reduceGradients`), apply the update
/// to their range and refresh their part of conv2's permuted kernels.
final class ConvolutionalTrainer<Scalar: TrainingScalar> {
    /// The network being trained.
    let network: ConvolutionalNetwork<Scalar>
    /// The update rule and its state.
    let optimizer: Optimizer<Scalar>
    /// The training examples (28×28 images).
    let training: LabelledImages
    /// Examples per batch `B`.
    let batchSize: Int
    /// Shuffles the examples each epoch.
    var generator: SeededGenerator
    /// Team members (1 without a team).
    let members: Int
    private let workspace: ConvolutionalWorkspace<Scalar>
    private var evaluationWorkspace: ConvolutionalWorkspace<Scalar>?
    /// Each member's gradient of its images, in `reduceGradients`' source layout.
    private let memberGradients: [AlignedBuffer<Scalar>]
    /// Each member's buffers for the convolutions of a chunk of its images.
    private let scratches: [ConvolutionalScratch<Scalar>]
    private var order: [Int32]
    /// A `WorkerTeam` when training on several threads (typed `AnyObject` for availability).
    private let teamStorage: AnyObject?
    /// Per-member loss sums and correct counts of the current batch, 8 slots apart (no false sharing).
    private var partialLoss: [Double]
    private var partialCorrect: [Int]

    /// A trainer for `network` on `training`; `generator` continues from weight initialisation.
    /// With `threads > 1` it trains with a team of that many threads (BLAS should then use one).
    /// Members run the convolutions `chunk` images at a time.
    ///
    /// - Precondition: the images are 28×28, the labels below 10, and `chunk ≥ 1`.
    init(network: ConvolutionalNetwork<Scalar>, optimizer: OptimizerSettings, training: LabelledImages, batchSize: Int,
         generator: SeededGenerator, threads: Int = 1, chunk: Int = ConvolutionalTrainer.defaultChunk) {
        let side = ConvolutionalLayout.inputSide
        precondition(training.rows == side && training.columns == side,
                     "ConvolutionalTrainer: the CNN takes \(side)×\(side) images, got \(training.rows)×\(training.columns)")
        precondition(training.classCount <= ConvolutionalLayout.classes,
                     "ConvolutionalTrainer: the CNN has \(ConvolutionalLayout.classes) outputs, the labels go up to \(training.classCount - 1)")
        precondition(batchSize >= 1, "ConvolutionalTrainer: bad batch size \(batchSize)")
        self.network = network
        self.optimizer = Optimizer(settings: optimizer, parameterCount: network.parameterCount)
        self.training = training
        self.batchSize = batchSize
        self.generator = generator
        workspace = ConvolutionalWorkspace(capacity: batchSize, training: true)
        order = (0..<Int32(training.count)).map { $0 }
        if threads > 1, #available(macOS 15.0, *) {
            teamStorage = WorkerTeam(size: threads)
            members = threads
        } else {
            teamStorage = nil
            members = 1
        }
        memberGradients = (0..<members).map { _ in AlignedBuffer(count: network.parameterCount) }
        scratches = (0..<members).map { _ in ConvolutionalScratch(capacity: chunk) }
        partialLoss = Array(repeating: 0, count: 8 * members)
        partialCorrect = Array(repeating: 0, count: 8 * members)
    }

    /// Images per chunk of the convolutions: about 270 KB of `Float` scratch each, so that a
    /// chunk's columns and outputs stay in a core's cache (measured: see the module README).
    static var defaultChunk: Int { 4 }

    /// Batches in one epoch, `⌈count / B⌉`.
    var batchesPerEpoch: Int { (training.count + batchSize - 1) / batchSize }

    /// Multiply-adds of the matrix products in one epoch (see `ConvolutionalLayout.multiplyAddsPerImage`).
    var multiplyAddsPerEpoch: Double { Double(training.count) * Double(ConvolutionalLayout.multiplyAddsPerImage) }

    /// One pass over a fresh permutation of the training set, exactly as `Trainer.trainEpoch`:
    /// `onBatch(done)` after each batch, an early stop after the batch where `shouldStop()` is true,
    /// and `diverged` at once after a batch whose loss is not finite, or when the parameters are
    /// not all finite after the last batch.
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
                        let images = min(batchSize, order.count - start)
                        for i in 0..<images {
                            let index = order[start + i]
                            workspace.indices[i] = index
                            workspace.labels[i] = labels[Int(index)]
                        }
                        let (loss, correct) = step(images: images, pixels: pixels.baseAddress!)
                        tally.lossSum += loss
                        tally.correct += correct
                        tally.examples += images
                        start += images
                        batch += 1
                        guard loss.isFinite else { diverged = true; return }
                        onBatch(batch)
                        if shouldStop() { return }
                    }
                }
            }
        }
        if !diverged, batch == batchesPerEpoch, !network.parametersAreFinite { diverged = true }
        return (tally, batch, diverged)
    }

    /// One training step on the `images` examples listed in the workspace; returns (loss sum, correct).
    private func step(images: Int, pixels: UnsafePointer<UInt8>) -> (Double, Int) {
        let result = computeGradients(images: images, pixels: pixels)
        let target = optimizer.gradientTarget(parameters: network.parameters, rows: images)
        if optimizer.needsUpdatePass { optimizer.beginStep() }
        let count = network.parameterCount
        let update = optimizer.needsUpdatePass
        runTeam { member, members in
            let range = WorkerTeamShare.range(count, member: member, members: members)
            network.reduceGradients(memberGradients, range: range, into: target.buffer, alpha: target.alpha, beta: target.beta)
            if update { optimizer.update(parameters: network.parameters, range: range) }
            network.refreshPermutedCopies(parameterRange: range)
        }
        return result
    }

    /// Phase 1 of a step: each member gathers its share of the `images` listed in the workspace,
    /// runs forward, loss and backward on it and leaves its gradient sum in its buffer (a member
    /// without images zeroes its buffer). Returns the batch's (loss sum, correct).
    private func computeGradients(images: Int, pixels: UnsafePointer<UInt8>) -> (Double, Int) {
        let features = training.featureCount
        runTeam { member, members in
            let share = WorkerTeamShare.rows(images, member: member, members: members)
            guard !share.isEmpty else {
                memberGradients[member].zero()
                partialLoss[8 * member] = 0
                partialCorrect[8 * member] = 0
                return
            }
            Kernels.gatherScaled(
                pixels: pixels, indices: workspace.indices + share.lowerBound, rows: share.count, features: features,
                into: workspace.input.base + share.lowerBound * features)
            network.forward(workspace, images: share, scratch: scratches[member])
            let (loss, correct) = Kernels.softmaxCrossEntropy(
                workspace.logits.base + share.lowerBound * ConvolutionalLayout.classes, rows: share.count,
                columns: ConvolutionalLayout.classes, labels: workspace.labels + share.lowerBound)
            network.backward(workspace, images: share, scratch: scratches[member], into: memberGradients[member].base)
            partialLoss[8 * member] = loss
            partialCorrect[8 * member] = correct
        }
        var loss = 0.0, correct = 0
        for member in 0..<members {
            loss += partialLoss[8 * member]
            correct += partialCorrect[8 * member]
        }
        return (loss, correct)
    }

    /// Runs `body(member, members)` on every member of the team, or once on this thread.
    private func runTeam(_ body: (Int, Int) -> Void) {
        if #available(macOS 15.0, *), let team = teamStorage as? WorkerTeam {
            team.run { member in body(member, team.size) }
        } else {
            body(0, 1)
        }
    }

    /// Mean cross-entropy and accuracy of the network on `set`, in batches of
    /// `TrainingLimits.convolutionalEvaluationBatchSize` shared between the members.
    ///
    /// - Precondition: the images are 28×28.
    func evaluate(_ set: LabelledImages) -> BatchTally {
        let side = ConvolutionalLayout.inputSide
        precondition(set.rows == side && set.columns == side, "ConvolutionalTrainer: the CNN takes \(side)×\(side) images, got \(set.rows)×\(set.columns)")
        let capacity = TrainingLimits.convolutionalEvaluationBatchSize
        let workspace = evaluationWorkspace ?? ConvolutionalWorkspace(capacity: capacity, training: false)
        evaluationWorkspace = workspace
        var tally = BatchTally()
        let features = set.featureCount, classes = ConvolutionalLayout.classes
        set.pixels.withUnsafeBufferPointer { pixels in
            set.labels.withUnsafeBufferPointer { labels in
                var start = 0
                while start < set.count {
                    let images = min(capacity, set.count - start)
                    for i in 0..<images {
                        workspace.indices[i] = Int32(start + i)
                        workspace.labels[i] = labels[start + i]
                    }
                    runTeam { member, members in
                        let share = WorkerTeamShare.rows(images, member: member, members: members)
                        partialLoss[8 * member] = 0
                        partialCorrect[8 * member] = 0
                        guard !share.isEmpty else { return }
                        Kernels.gatherScaled(
                            pixels: pixels.baseAddress!, indices: workspace.indices + share.lowerBound, rows: share.count,
                            features: features, into: workspace.input.base + share.lowerBound * features)
                        network.forward(workspace, images: share, scratch: scratches[member])
                        let (loss, correct) = Kernels.softmaxCrossEntropy(
                            workspace.logits.base + share.lowerBound * classes, rows: share.count, columns: classes,
                            labels: workspace.labels + share.lowerBound)
                        partialLoss[8 * member] = loss
                        partialCorrect[8 * member] = correct
                    }
                    for member in 0..<members {
                        tally.lossSum += partialLoss[8 * member]
                        tally.correct += partialCorrect[8 * member]
                    }
                    tally.examples += images
                    start += images
                }
            }
        }
        return tally
    }

    /// The mean loss `(1/B) Σ −ln p_y` and the mean gradient `(1/B) Σ ∂loss/∂θ` (parameter layout)
    /// of the training examples `examples`, by the same team phases as a step, without updating
    /// anything (for tests against `Neural`'s autograd).
    ///
    /// - Precondition: `1 ≤ examples.count ≤ batchSize`, every index in the training set.
    func lossAndGradient(examples: [Int]) -> (loss: Double, correct: Int, gradient: [Scalar]) {
        precondition((1...batchSize).contains(examples.count) && examples.allSatisfy { (0..<training.count).contains($0) },
                     "lossAndGradient: \(examples.count) examples for a batch of \(batchSize) from \(training.count)")
        for (i, index) in examples.enumerated() {
            workspace.indices[i] = Int32(index)
            workspace.labels[i] = training.labels[index]
        }
        let (loss, correct) = training.pixels.withUnsafeBufferPointer { computeGradients(images: examples.count, pixels: $0.baseAddress!) }
        let gradient = AlignedBuffer<Scalar>(count: network.parameterCount)
        let count = network.parameterCount, scale = 1 / Scalar(examples.count)
        runTeam { member, members in
            network.reduceGradients(
                memberGradients, range: WorkerTeamShare.range(count, member: member, members: members),
                into: gradient.base, alpha: scale, beta: 0)
        }
        return (loss / Double(examples.count), correct, gradient.array)
    }

    /// One training step on the training examples `examples`, in this order (for tests):
    /// returns the batch's mean loss.
    ///
    /// - Precondition: `1 ≤ examples.count ≤ batchSize`.
    func trainStep(examples: [Int]) -> Double {
        precondition((1...batchSize).contains(examples.count), "trainStep: \(examples.count) examples for a batch of \(batchSize)")
        for (i, index) in examples.enumerated() {
            workspace.indices[i] = Int32(index)
            workspace.labels[i] = training.labels[index]
        }
        let (loss, _) = training.pixels.withUnsafeBufferPointer { step(images: examples.count, pixels: $0.baseAddress!) }
        return loss / Double(examples.count)
    }
}
