/// The dot product of two vectors of the same length: `Σᵢ aᵢ·bᵢ`.
///
/// - Precondition: `a.count == b.count`.
public func dot(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "dot: vectors of different lengths (\(a.count) and \(b.count))")
    var sum = 0.0
    for index in a.indices {
        sum += a[index] * b[index]
    }
    return sum
}

/// The weighted sum of a neuron's inputs, its pre-activation: `z = w · x + b`.
///
/// - Precondition: `inputs.count == weights.count`.
public func weightedSum(_ inputs: [Double], weights: [Double], bias: Double) -> Double {
    precondition(
        inputs.count == weights.count,
        "weightedSum: \(inputs.count) inputs but \(weights.count) weights"
    )
    return dot(weights, inputs) + bias
}
