import Testing
@testable import Neural

/// Every operation of the PyTorch table (cells, unrolled sequences, embedding, layer norm,
/// attention with and without masks, multi-head attention, both transformer blocks) on fresh
/// Gaussian inputs of the same shapes, its gradient compared with central differences. The rows
/// that return attention weights are left out: their values input receives no gradient at all (the
/// checker wants one per input), and the weights' path is part of every output row.
private let sequenceGradientCases: [GradientCase] = PyTorchSequenceReferences.operations.filter {
    $0.gradients.allSatisfy { $0 != nil }
}.map { reference in
    let function = sequenceReferenceOperations[reference.name]!
    let indices = reference.classIndices
    return GradientCase(reference.name, reference.inputs.map { (shape: $0.shape, domain: InputDomain.gaussian) }) {
        function($0, indices)
    }
}

@Suite("Recurrent cells, attention and transformer blocks by central differences")
struct SequenceGradientTests {
    @Test(arguments: sequenceGradientCases)
    func gradientMatchesCentralDifferences(_ testCase: GradientCase) {
        checkGradientsByCentralDifferences(testCase)
    }
}
