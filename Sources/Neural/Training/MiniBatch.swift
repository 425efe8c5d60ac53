/// One mini-batch: the rows `indices` of the inputs and of the targets.
public struct MiniBatch: Sendable, Equatable {
    /// The positions of the batch's samples in the full data set.
    public var indices: [Int]
    /// The batch's inputs `(batchSize × features)`.
    public var inputs: Matrix
    /// The batch's targets `(batchSize × outputs)`.
    public var targets: Matrix
}

/// Splits a data set into mini-batches of `batchSize` rows (the last may be smaller), after a
/// seeded shuffle if `generator` is given (`generator.permutation(N)`, as the sources'
/// `np.random.permutation`), else in order.
public func miniBatches(
    inputs: Matrix, targets: Matrix, batchSize: Int, shuffledBy generator: inout SeededGenerator?
) -> [MiniBatch] {
    precondition(batchSize > 0, "miniBatches: batchSize must be positive, got \(batchSize)")
    precondition(
        inputs.rows == targets.rows,
        Matrix.shapeMismatchMessage("miniBatches (inputs vs targets: same number of rows)", inputs, targets))
    let order = generator?.permutation(inputs.rows) ?? Array(0..<inputs.rows)
    return stride(from: 0, to: order.count, by: batchSize).map { start in
        let indices = Array(order[start..<min(start + batchSize, order.count)])
        return MiniBatch(indices: indices, inputs: inputs.selectingRows(indices), targets: targets.selectingRows(indices))
    }
}

/// Splits a data set into mini-batches after a seeded shuffle with `generator`.
public func miniBatches(
    inputs: Matrix, targets: Matrix, batchSize: Int, shuffledBy generator: inout SeededGenerator
) -> [MiniBatch] {
    var optional: SeededGenerator? = generator
    let batches = miniBatches(inputs: inputs, targets: targets, batchSize: batchSize, shuffledBy: &optional)
    generator = optional!
    return batches
}

/// Splits a data set into mini-batches in order, without shuffling.
public func miniBatches(inputs: Matrix, targets: Matrix, batchSize: Int) -> [MiniBatch] {
    var none: SeededGenerator?
    return miniBatches(inputs: inputs, targets: targets, batchSize: batchSize, shuffledBy: &none)
}
