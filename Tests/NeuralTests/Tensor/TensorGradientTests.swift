import Testing
@testable import Neural

private func input(_ shape: [Int], _ domain: InputDomain = .gaussian) -> (shape: [Int], domain: InputDomain) {
    (shape, domain)
}

/// Divisors, and the arguments of `s / a`, stay at least 0.3 from 0.
private let nonZero = InputDomain.awayFrom([0], margin: 0.3)
/// Arguments of functions with a kink at 0 stay at least 0.05 from it (h = 1e-6 never crosses).
private let clearOfZero = InputDomain.awayFrom([0], margin: 0.05)
/// `N(0, 1.5²)`: a wider range for the smooth activations.
private let wide = InputDomain.awayFrom([], margin: 0)

/// Every differentiable operation, in the broadcast and shape variants that take different code paths.
private let operationCases: [GradientCase] = {
    var cases: [GradientCase] = []
    let binary: [(String, @Sendable (Tensor, Tensor) -> Tensor)] = [
        ("add", { $0 + $1 }), ("subtract", { $0 - $1 }), ("multiply", { $0 * $1 }), ("divide", { $0 / $1 }),
    ]
    // Same shapes; broadcasting of the right operand, of the left, of both at once, over a 3-D
    // operand, with a rank-0 tensor and with a one-element vector.
    let shapePairs: [([Int], [Int])] = [
        ([2, 3], [2, 3]), ([2, 3], [3]), ([3], [2, 3]), ([2, 1], [1, 3]), ([1, 3], [2, 1]),
        ([2, 3, 4], [3, 1]), ([4, 1, 3], [2, 1]), ([], [2, 3]), ([2, 3], []), ([1], [2, 3]),
    ]
    for (name, function) in binary {
        for (a, b) in shapePairs {
            let divisor = name == "divide" ? nonZero : .gaussian
            cases.append(GradientCase("\(name) \(a) \(b)", [input(a), input(b, divisor)]) { function($0[0], $0[1]) })
        }
    }
    // The scalar forms, with the scalar on either side.
    cases += [
        GradientCase("a + 2.5", [input([2, 3])]) { $0[0] + 2.5 },
        GradientCase("2.5 + a", [input([2, 3])]) { 2.5 + $0[0] },
        GradientCase("a - 1.5", [input([2, 3])]) { $0[0] - 1.5 },
        GradientCase("1.5 - a", [input([2, 3])]) { 1.5 - $0[0] },
        GradientCase("a * -1.7", [input([2, 3])]) { $0[0] * -1.7 },
        GradientCase("-1.7 * a", [input([2, 3])]) { -1.7 * $0[0] },
        GradientCase("a / 2.5", [input([2, 3])]) { $0[0] / 2.5 },
        GradientCase("2.5 / a", [input([2, 3], nonZero)]) { 2.5 / $0[0] },
        GradientCase("negate", [input([2, 3])]) { -$0[0] },
    ]
    // Unary functions.
    cases += [
        GradientCase("pow 2", [input([2, 3])]) { $0[0].pow(2) },
        GradientCase("pow 3", [input([2, 3])]) { $0[0].pow(3) },
        GradientCase("pow 0.5", [input([2, 3], .positive)]) { $0[0].pow(0.5) },
        GradientCase("pow 1.7", [input([2, 3], .positive)]) { $0[0].pow(1.7) },
        GradientCase("pow -1.5", [input([2, 3], .positive)]) { $0[0].pow(-1.5) },
        GradientCase("pow 0", [input([2, 3])]) { $0[0].pow(0) },
        GradientCase("exp", [input([2, 3])]) { $0[0].exp() },
        GradientCase("log", [input([2, 3], .positive)]) { $0[0].log() },
        GradientCase("sqrt", [input([2, 3], .positive)]) { $0[0].sqrt() },
        GradientCase("abs", [input([2, 3], clearOfZero)]) { $0[0].abs() },
        GradientCase("tanh", [input([2, 3], wide)]) { $0[0].tanh() },
        GradientCase("sigmoid", [input([2, 3], wide)]) { $0[0].sigmoid() },
        GradientCase("relu", [input([2, 3], clearOfZero)]) { $0[0].relu() },
        GradientCase("clamped -0.5...0.5", [input([3, 4], .awayFrom([-0.5, 0.5], margin: 0.05))]) { $0[0].clamped(to: -0.5, 0.5) },
        GradientCase("clamped 0...1", [input([3, 4], .awayFrom([0, 1], margin: 0.05))]) { $0[0].clamped(to: 0, 1) },
    ]
    // Every element-wise Activation through activated(_:).
    let activations: [(Activation, InputDomain)] = [
        (.identity, .gaussian), (.step, clearOfZero), (.sigmoid, wide), (.tanh, wide), (.relu, clearOfZero),
        (.leakyReLU(), clearOfZero), (.leakyReLU(alpha: 0.2), clearOfZero), (.elu(), clearOfZero),
        (.elu(alpha: 0.5), clearOfZero), (.selu, clearOfZero), (.gelu, wide), (.geluTanhApproximation, wide),
    ]
    for (activation, domain) in activations {
        cases.append(GradientCase("activated \(activation)", [input([3, 4], domain)]) { $0[0].activated(activation) })
    }
    // Reductions over everything and along each axis, with and without the kept dimension.
    cases += [
        GradientCase("sum", [input([2, 3, 4])]) { $0[0].sum() },
        GradientCase("mean", [input([2, 3, 4])]) { $0[0].mean() },
        GradientCase("sum of a scalar", [input([])]) { $0[0].sum() },
        GradientCase("sum axis 0 of a vector", [input([5])]) { $0[0].sum(axis: 0) },
    ]
    for axis in [0, 1, 2, -1] {
        for keeping in [false, true] {
            let suffix = "axis \(axis)\(keeping ? " keeping" : "")"
            cases += [
                GradientCase("sum \(suffix)", [input([2, 3, 4])]) { $0[0].sum(axis: axis, keepingDimension: keeping) },
                GradientCase("mean \(suffix)", [input([2, 3, 4])]) { $0[0].mean(axis: axis, keepingDimension: keeping) },
                GradientCase("max \(suffix)", [input([2, 3, 4], .distinct)]) { $0[0].max(axis: axis, keepingDimension: keeping) },
            ]
        }
    }
    // Shape moves.
    cases += [
        GradientCase("reshaped [4, -1]", [input([2, 3, 4])]) { $0[0].reshaped([4, -1]) },
        GradientCase("reshaped [24]", [input([2, 3, 4])]) { $0[0].reshaped([24]) },
        GradientCase("reshaped [2, 2, 3, 2]", [input([2, 3, 4])]) { $0[0].reshaped([2, 2, 3, 2]) },
        GradientCase("permuted [2, 0, 1]", [input([2, 3, 4])]) { $0[0].permuted([2, 0, 1]) },
        GradientCase("permuted [1, 2, 0]", [input([2, 3, 4])]) { $0[0].permuted([1, 2, 0]) },
        GradientCase("permuted [1, 0]", [input([3, 4])]) { $0[0].permuted([1, 0]) },
        GradientCase("transposed of a matrix", [input([3, 4])]) { $0[0].transposed },
        GradientCase("transposed of a batch", [input([2, 3, 4])]) { $0[0].transposed },
        GradientCase("transposed 0 2", [input([2, 3, 4])]) { $0[0].transposed(0, 2) },
        GradientCase("transposed -1 0", [input([2, 3, 4])]) { $0[0].transposed(-1, 0) },
        GradientCase("slice axis 0 1..<2", [input([2, 3, 4])]) { $0[0].slice(axis: 0, 1..<2) },
        GradientCase("slice axis 1 1..<3", [input([2, 3, 4])]) { $0[0].slice(axis: 1, 1..<3) },
        GradientCase("slice axis -1 0..<2", [input([2, 3, 4])]) { $0[0].slice(axis: -1, 0..<2) },
        GradientCase("slice axis 1 2..<2 (empty)", [input([2, 3, 4])]) { $0[0].slice(axis: 1, 2..<2) },
        GradientCase("concatenate axis 0", [input([2, 3]), input([1, 3]), input([3, 3])]) { Tensor.concatenate($0, axis: 0) },
        GradientCase("concatenate axis 1", [input([2, 3]), input([2, 1])]) { Tensor.concatenate($0, axis: 1) },
        GradientCase("concatenate axis -1 of 3-D", [input([2, 3, 2]), input([2, 3, 4])]) { Tensor.concatenate($0, axis: -1) },
        GradientCase("concatenate axis 1 of 3-D", [input([2, 1, 4]), input([2, 3, 4])]) { Tensor.concatenate($0, axis: 1) },
        GradientCase("concatenate a tensor with itself", [input([2, 3])]) { Tensor.concatenate([$0[0], $0[0]], axis: 0) },
    ]
    // Matrix products: 2-D, batched, one side broadcast over the batch, batch dimensions that broadcast.
    let products: [([Int], [Int])] = [
        ([3, 4], [4, 2]), ([1, 4], [4, 1]), ([2, 3, 4], [2, 4, 5]), ([2, 3, 4], [4, 5]), ([3, 4], [2, 4, 5]),
        ([1, 3, 4], [2, 4, 2]), ([2, 1, 3, 4], [3, 4, 2]),
    ]
    for (a, b) in products {
        cases.append(GradientCase("matmul \(a) \(b)", [input(a), input(b)]) { $0[0].matmul($0[1]) })
    }
    // Softmax and log-softmax along each kind of axis; large logits test the shift by the maximum.
    cases += [
        GradientCase("softmax axis -1", [input([3, 4])]) { $0[0].softmax(axis: -1) },
        GradientCase("softmax axis 0", [input([3, 4])]) { $0[0].softmax(axis: 0) },
        GradientCase("softmax [2, 3, 4] axis 1", [input([2, 3, 4])]) { $0[0].softmax(axis: 1) },
        GradientCase("softmax of large logits", [input([2, 3])]) { ($0[0] * 20 + 300).softmax() },
        GradientCase("logSoftmax axis -1", [input([3, 4])]) { $0[0].logSoftmax(axis: -1) },
        GradientCase("logSoftmax axis 0", [input([3, 4])]) { $0[0].logSoftmax(axis: 0) },
        GradientCase("logSoftmax [2, 3, 4] axis 1", [input([2, 3, 4])]) { $0[0].logSoftmax(axis: 1) },
        GradientCase("logSoftmax of large logits", [input([2, 3])]) { ($0[0] * 20 - 300).logSoftmax() },
    ]
    // Graphs where a tensor is used more than once, and modules.
    cases += [
        GradientCase("x * x", [input([2, 3])]) { $0[0] * $0[0] },
        GradientCase("x + x", [input([2, 3])]) { $0[0] + $0[0] },
        GradientCase("diamond exp(x)·2 + tanh(exp(x))", [input([2, 3])]) { let e = $0[0].exp(); return e * 2 + e.tanh() },
        GradientCase("x / sum(x²) (x and a reduction of x)", [input([2, 3])]) { $0[0] / ($0[0] * $0[0]).sum() },
        GradientCase("Linear", [input([4, 3]), input([3, 2]), input([2])]) { Linear(weight: $0[1], bias: $0[2])($0[0]) },
        GradientCase("Sequential Linear Tanh Linear Sigmoid", [input([4, 3]), input([3, 5]), input([5]), input([5, 2]), input([2])]) {
            Sequential(Linear(weight: $0[1], bias: $0[2]), Tanh(), Linear(weight: $0[3], bias: $0[4]), Sigmoid())($0[0])
        },
        GradientCase("ActivationModule softmax", [input([3, 4])]) { ActivationModule(.softmax)($0[0]) },
    ]
    return cases
}()

/// Every loss with both reductions.
private let lossCases: [GradientCase] = {
    var cases: [GradientCase] = []
    let shape = [3, 4]
    for reduction in [LossReduction.mean, .sum] {
        cases += [
            GradientCase("meanSquaredError \(reduction)", [input(shape), input(shape)]) {
                meanSquaredError(predicted: $0[0], target: $0[1], reduction: reduction)
            },
            GradientCase("meanAbsoluteError \(reduction)", [input(shape, .residual(of: 1, avoiding: [0], margin: 0.05)), input(shape)]) {
                meanAbsoluteError(predicted: $0[0], target: $0[1], reduction: reduction)
            },
            GradientCase("binaryCrossEntropy \(reduction)", [input(shape, .probability), input(shape, .unit)]) {
                binaryCrossEntropy(predicted: $0[0], target: $0[1], reduction: reduction)
            },
            GradientCase("crossEntropy class indices \(reduction)", [input(shape)]) {
                crossEntropy(logits: $0[0], classIndices: [2, 0, 3], reduction: reduction)
            },
            GradientCase("crossEntropy soft targets \(reduction)", [input(shape), input(shape, .distributionRows)]) {
                crossEntropy(logits: $0[0], oneHot: $0[1], reduction: reduction)
            },
            GradientCase("crossEntropy one-hot \(reduction)", [input(shape)]) {
                crossEntropy(logits: $0[0], oneHot: Tensor.oneHot([1, 1, 0], classes: 4), reduction: reduction)
            },
        ]
        for delta in [0.5, 1, 2] {
            cases.append(GradientCase("huberLoss δ \(delta) \(reduction)", [input(shape, .residual(of: 1, avoiding: [delta], margin: 0.05)), input(shape)]) {
                huberLoss(predicted: $0[0], target: $0[1], delta: delta, reduction: reduction)
            })
        }
        for beta in [0.5, 1, 2] {
            cases.append(GradientCase("smoothL1Loss β \(beta) \(reduction)", [input(shape, .residual(of: 1, avoiding: [beta], margin: 0.05)), input(shape)]) {
                smoothL1Loss(predicted: $0[0], target: $0[1], beta: beta, reduction: reduction)
            })
        }
    }
    return cases
}()

@Suite("Tensor gradients by central differences")
struct TensorGradientTests {
    @Test(arguments: operationCases)
    func operationGradientMatchesCentralDifferences(_ testCase: GradientCase) {
        checkGradientsByCentralDifferences(testCase)
    }

    @Test(arguments: lossCases)
    func lossGradientMatchesCentralDifferences(_ testCase: GradientCase) {
        checkGradientsByCentralDifferences(testCase)
    }

    /// The check itself catches wrong gradients: a wrong derivative, one off by 0.01%, a broadcast
    /// gradient that is not summed, and a missing gradient.
    @Test func theCheckCatchesWrongGradients() {
        func square(derivative: @escaping @Sendable (Double) -> Double) -> GradientCase {
            GradientCase("x² with a wrong derivative", [input([2, 3])]) {
                $0[0].elementwise("square", { $0 * $0 }, derivative: { x, _ in derivative(x) })
            }
        }
        #expect(centralDifferenceMismatches(square { 2 * $0 }).isEmpty)
        #expect(centralDifferenceMismatches(square { $0 }).count == 6)
        #expect(centralDifferenceMismatches(square { 2 * $0 * (1 + 1e-4) }).count == 6)
        // A "broadcast add" whose backward gives the bias the first row's gradient only.
        let unsummed = GradientCase("unsummed broadcast", [input([2, 3]), input([3])]) { x in
            let (a, b) = (x[0], x[1])
            return Tensor(
                shape: a.shape, elements: zip(a.elements, b.elements + b.elements).map(+), operation: "bad add", inputs: [a, b]
            ) { upstream in
                [upstream, Tensor(shape: [3], elements: Array(upstream.elements[0..<3]))]
            }
        }
        #expect(centralDifferenceMismatches(unsummed).count == 3)
        let detached = GradientCase("no gradient", [input([2])]) { $0[0].detach() * $0[0] }
        #expect(centralDifferenceMismatches(detached).count == 2)
    }

    /// The residual domains really keep clear of the kinks (else the checks above prove nothing there).
    @Test func residualInputsAvoidTheKinks() {
        for testCase in lossCases where testCase.name.hasPrefix("huber") || testCase.name.hasPrefix("smoothL1") || testCase.name.hasPrefix("meanAbsolute") {
            var generator = SeededGenerator(seed: 2024)
            let values = testCase.draw(using: &generator)
            guard case .residual(_, let kinks, let margin) = testCase.inputs[0].domain else {
                Issue.record("\(testCase.name): predictions are not residual-drawn")
                continue
            }
            for (p, y) in zip(values[0], values[1]) {
                #expect(kinks.allSatisfy { abs(abs(p - y) - $0) >= margin * 0.99 }, "\(testCase.name): residual \(p - y)")
            }
        }
    }

    /// Both sides of Huber's and smooth L1's threshold occur, so both branches are checked.
    @Test func residualInputsCoverBothBranches() {
        for testCase in lossCases where testCase.name.hasPrefix("huber") || testCase.name.hasPrefix("smoothL1") {
            var generator = SeededGenerator(seed: 2024)
            let values = testCase.draw(using: &generator)
            guard case .residual(_, let kinks, _) = testCase.inputs[0].domain, let threshold = kinks.first else { continue }
            let residuals = zip(values[0], values[1]).map { abs($0 - $1) }
            #expect(residuals.contains { $0 < threshold } && residuals.contains { $0 > threshold }, "\(testCase.name): \(residuals)")
        }
    }
}
