import Testing
@testable import Neural

/// The Swift side of every row of `PyTorchSequenceReferences.operations`, by the name the script gives it.
let sequenceReferenceOperations: [String: @Sendable ([Tensor], [Int]) -> Tensor] = {
    var table: [String: @Sendable ([Tensor], [Int]) -> Tensor] = [:]
    let steps = 3
    table["rnn cell"] = { x, _ in RNNCell(weightIH: x[2], weightHH: x[3], biasIH: x[4], biasHH: x[5])(x[0], hidden: x[1]) }
    table["gru cell"] = { x, _ in GRUCell(weightIH: x[2], weightHH: x[3], biasIH: x[4], biasHH: x[5])(x[0], hidden: x[1]) }
    table["lstm cell"] = { x, _ in
        let state = LSTMCell(weightIH: x[2], weightHH: x[3], biasIH: x[4], biasHH: x[5])(x[0], state: LSTMState(hidden: x[1], cell: x[6]))
        return Tensor.concatenate([state.hidden, state.cell], axis: 1)
    }
    table["rnn unrolled 3 steps"] = { x, _ in
        let cell = RNNCell(weightIH: x[steps + 1], weightHH: x[steps + 2], biasIH: x[steps + 3], biasHH: x[steps + 4])
        return Tensor.concatenate(cell.unrolled(over: Array(x[0..<steps]), initial: x[steps]), axis: 1)
    }
    table["gru unrolled 3 steps"] = { x, _ in
        let cell = GRUCell(weightIH: x[steps + 1], weightHH: x[steps + 2], biasIH: x[steps + 3], biasHH: x[steps + 4])
        return Tensor.concatenate(cell.unrolled(over: Array(x[0..<steps]), initial: x[steps]), axis: 1)
    }
    table["lstm unrolled 3 steps"] = { x, _ in
        let cell = LSTMCell(weightIH: x[steps + 1], weightHH: x[steps + 2], biasIH: x[steps + 3], biasHH: x[steps + 4])
        let states = cell.unrolled(over: Array(x[0..<steps]), initial: LSTMState(hidden: x[steps], cell: x[steps + 5]))
        return Tensor.concatenate(states.map(\.hidden), axis: 1)
    }
    table["embedding [6,4] tokens [2,4]"] = { x, tokens in
        Embedding(weight: x[0])([Array(tokens[0..<4]), Array(tokens[4..<8])])
    }
    table["layer norm [2,3,5]"] = { x, _ in x[0].layerNorm(weight: x[1], bias: x[2]) }

    table["attention [2,4,6] to [2,5,6]"] = { x, _ in scaledDotProductAttention(query: x[0], key: x[1], value: x[2]).output }
    table["attention weights [2,4,6] to [2,5,6]"] = { x, _ in scaledDotProductAttention(query: x[0], key: x[1], value: x[2]).weights }
    table["attention causal [2,2,4,6]"] = { x, _ in scaledDotProductAttention(query: x[0], key: x[1], value: x[2], mask: causalMask(length: 4)).output }
    table["attention weights causal [2,2,4,6]"] = { x, _ in
        scaledDotProductAttention(query: x[0], key: x[1], value: x[2], mask: causalMask(length: 4)).weights
    }
    table["attention padding [2,2,4,6] to [2,2,5,6]"] = { x, _ in
        scaledDotProductAttention(query: x[0], key: x[1], value: x[2], mask: paddingMask(lengths: [5, 3], keys: 5)).output
    }

    table["multihead self-attention [2,4,6] 2 heads"] = { x, _ in attention(x[1...4])(x[0]).output }
    table["multihead self-attention weights [2,4,6] 2 heads"] = { x, _ in attention(x[1...4])(x[0]).weights }
    table["multihead self-attention causal [2,4,6] 2 heads"] = { x, _ in attention(x[1...4])(x[0], mask: causalMask(length: 4)).output }
    table["multihead cross-attention padding [2,4,6] to [2,5,6] 2 heads"] = { x, _ in
        attention(x[3...6])(query: x[0], key: x[1], value: x[2], mask: paddingMask(lengths: [5, 3], keys: 5)).output
    }

    table["transformer block pre-norm causal [2,4,6]"] = { x, _ in block(x, .preNorm) }
    table["transformer block post-norm causal [2,4,6]"] = { x, _ in block(x, .postNorm) }
    return table
}()

/// Two-head attention from the script's four projection tensors.
private func attention(_ p: ArraySlice<Tensor>) -> MultiheadAttention {
    let p = Array(p)
    return MultiheadAttention(inProjectionWeight: p[0], inProjectionBias: p[1], outProjection: Linear(weight: p[2], bias: p[3]), heads: 2)
}

/// The script's transformer block, from its thirteen inputs, under the causal mask.
private func block(_ x: [Tensor], _ placement: NormalisationPlacement) -> Tensor {
    let transformer = TransformerBlock(
        attention: attention(x[1...4]), feedForwardIn: Linear(weight: x[5], bias: x[6]), feedForwardOut: Linear(weight: x[7], bias: x[8]),
        placement: placement, norm1Weight: x[9], norm1Bias: x[10], norm2Weight: x[11], norm2Bias: x[12])
    return transformer(x[0], mask: causalMask(length: 4))
}

/// Recurrent cells, attention and the transformer block against PyTorch (float64), forward and
/// backward, at `pyTorchTolerance`.
@Suite("Recurrent cells, attention and transformer blocks against PyTorch")
struct SequenceReferenceTests {
    /// torch's forward value and its gradients of `L = Σ op(x) ⊙ R` with respect to every input.
    @Test(arguments: PyTorchSequenceReferences.operations)
    func matchesPyTorch(_ reference: OperationReference) throws {
        let function = try #require(sequenceReferenceOperations[reference.name], "no Swift operation named \(reference.name)")
        let inputs = reference.inputs.map { Tensor($0, requiresGrad: true) }
        let output = function(inputs, reference.classIndices)
        expectClose(output, reference.output, tolerance: pyTorchTolerance, "\(reference.name) forward")
        output.backward(Tensor(reference.upstream))
        for (index, (input, gradient)) in zip(inputs, reference.gradients).enumerated() {
            guard let expected = gradient else {
                // torch left it unset: the output does not depend on this input, so no gradient reaches it here either.
                #expect(input.grad == nil, "\(reference.name): input \(index) got a gradient torch does not have")
                continue
            }
            expectClose(input.grad, expected, tolerance: pyTorchTolerance, "\(reference.name) ∂L/∂input \(index)")
        }
    }

    /// The Swift table and the script's table name the same operations (none is silently skipped).
    @Test func everyReferenceHasASwiftOperationAndBack() {
        let referenced = Set(PyTorchSequenceReferences.operations.map(\.name))
        #expect(referenced.count == PyTorchSequenceReferences.operations.count, "duplicate names in the references")
        #expect(referenced.subtracting(sequenceReferenceOperations.keys).sorted() == [])
        #expect(Set(sequenceReferenceOperations.keys).subtracting(referenced).sorted() == [])
    }

    /// The sinusoidal encodings against the formula evaluated in NumPy, for an even and an odd dimension.
    @Test func positionalEncodingMatchesTheFormula() {
        expectClose(
            sinusoidalPositionalEncoding(length: 7, dimension: 8), PyTorchSequenceReferences.positionalEncoding,
            tolerance: pyTorchTolerance, "positional encoding 7 × 8")
        expectClose(
            sinusoidalPositionalEncoding(length: 5, dimension: 5), PyTorchSequenceReferences.positionalEncodingOdd,
            tolerance: pyTorchTolerance, "positional encoding 5 × 5")
    }
}
