import Testing
@testable import Neural

extension Tensor {
    /// The tensor a reference literal describes.
    convenience init(_ literal: TensorLiteral, requiresGrad: Bool = false) {
        self.init(shape: literal.shape, elements: literal.elements, requiresGrad: requiresGrad)
    }
}

/// Records an issue unless `actual` has `expected`'s shape and every element agrees within
/// `tolerance` (absolute below 1, relative above, as `isClose`).
func expectClose(
    _ actual: Tensor?, _ expected: TensorLiteral, tolerance: Double, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let actual else {
        Issue.record("\(what): no tensor (expected shape \(expected.shape))", sourceLocation: sourceLocation)
        return
    }
    expectClose(actual.shape, actual.elements, expected.shape, expected.elements, tolerance: tolerance, what, sourceLocation: sourceLocation)
}

/// The same check on raw shapes and elements; names the first disagreeing element.
func expectClose(
    _ actualShape: [Int], _ actual: [Double], _ expectedShape: [Int], _ expected: [Double], tolerance: Double, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actualShape == expectedShape, actual.count == expected.count else {
        Issue.record("\(what): shape \(actualShape) vs expected \(expectedShape)", sourceLocation: sourceLocation)
        return
    }
    for (index, (a, e)) in zip(actual, expected).enumerated() where !isClose(a, e, tolerance: tolerance) {
        Issue.record(
            "\(what): element \(index) is \(a), expected \(e) (difference \(a - e), tolerance \(tolerance))",
            sourceLocation: sourceLocation)
        return
    }
}

// MARK: - Central differences

/// How a gradient-check case draws one input's elements from the seeded generator.
enum InputDomain: Sendable {
    /// `N(0, 1)`.
    case gaussian
    /// Uniform in `[0.5, 2]`: for log, sqrt, fractional and negative powers.
    case positive
    /// `N(0, 1.5²)`, redrawn while within `margin` of any of `points`: for the kinks of abs, relu,
    /// clamp, the ELU family, and for divisors away from 0.
    case awayFrom([Double], margin: Double)
    /// A shuffled ladder of values 0.1 apart plus a little noise: every pair differs by more than
    /// 0.05, so `max(axis:)` never has a near-tie that a step of h could flip.
    case distinct
    /// Uniform in `[0.05, 0.95]`: probabilities well inside BCE's clamp `[ε, 1 − ε]`.
    case probability
    /// Uniform in `[0, 1]`.
    case unit
    /// Uniform in `[0, 1]`, each row divided by its sum: soft targets for cross-entropy.
    case distributionRows
    /// Another input (given by its index, drawn first) plus `r`, where `r` is uniform in `[−3, 3]`
    /// redrawn while `|r|` is within `margin` of any of `magnitudes`: predictions whose residuals stay
    /// clear of the kinks of MAE (0), Huber (δ) and smooth L1 (β).
    case residual(of: Int, avoiding: [Double], margin: Double)
}

/// One row of the gradient table: the inputs' shapes and domains and the operation.
struct GradientCase: Sendable, CustomTestStringConvertible {
    let name: String
    let inputs: [(shape: [Int], domain: InputDomain)]
    let function: @Sendable ([Tensor]) -> Tensor

    init(_ name: String, _ inputs: [(shape: [Int], domain: InputDomain)], _ function: @escaping @Sendable ([Tensor]) -> Tensor) {
        self.name = name
        self.inputs = inputs
        self.function = function
    }

    var testDescription: String { name }

    /// Every input's elements, drawn in order from `generator` (residual inputs after the inputs they refer to).
    func draw(using generator: inout SeededGenerator) -> [[Double]] {
        var values = Array(repeating: [Double](), count: inputs.count)
        let residualLast = inputs.indices.sorted { a, b in
            func isResidual(_ i: Int) -> Bool { if case .residual = inputs[i].domain { return true } else { return false } }
            return !isResidual(a) && isResidual(b)
        }
        for index in residualLast {
            let (shape, domain) = inputs[index]
            let count = shape.reduce(1, *)
            switch domain {
            case .gaussian:
                values[index] = (0..<count).map { _ in generator.nextGaussian() }
            case .positive:
                values[index] = (0..<count).map { _ in generator.nextUniform(in: 0.5, 2) }
            case .awayFrom(let points, let margin):
                values[index] = (0..<count).map { _ in
                    var x: Double
                    repeat { x = generator.nextGaussian(standardDeviation: 1.5) } while points.contains { abs(x - $0) < margin }
                    return x
                }
            case .distinct:
                var ladder = (0..<count).map { Double($0) * 0.1 - Double(count) * 0.05 }
                generator.shuffle(&ladder)
                values[index] = ladder.map { $0 + generator.nextUniform(in: -0.02, 0.02) }
            case .probability:
                values[index] = (0..<count).map { _ in generator.nextUniform(in: 0.05, 0.95) }
            case .unit:
                values[index] = (0..<count).map { _ in generator.nextUniform() }
            case .distributionRows:
                let columns = shape.last ?? 1
                let raw = (0..<count).map { _ in generator.nextUniform(in: 0.05, 1) }
                values[index] = raw.indices.map { i in
                    let start = i / columns * columns
                    return raw[i] / raw[start..<(start + columns)].reduce(0, +)
                }
            case .residual(let base, let magnitudes, let margin):
                values[index] = values[base].map { y in
                    var r: Double
                    repeat { r = generator.nextUniform(in: -3, 3) } while magnitudes.contains { abs(abs(r) - $0) < margin }
                    return y + r
                }
            }
        }
        return values
    }
}

/// The step of the central differences.
let gradientCheckStep = 1e-6

/// The tolerance of the comparison with central differences (absolute below 1, relative above).
///
/// The central difference `(L(x+h) − L(x−h))/2h` has a truncation error `h²·L'''/6 ≈ 1.7e-13·|L'''|`
/// and a rounding error of about `ε·|L|/h ≈ 2.2e-16·|L|/1e-6 ≈ 2e-10·|L|`. With every case's
/// `|L| ≲ 50` and `|L'''| ≲ 10³` that is below 1e-8, a hundred times inside 1e-6; a wrong gradient (a
/// missing factor, a sign, a sum over the wrong broadcast axis) is off by at least about 1e-2.
let gradientCheckTolerance = 1e-6

/// Records an issue for every gradient element of `L = Σ op(x) ⊙ R` (R a fixed random tensor)
/// that disagrees with central differences of `L`.
func checkGradientsByCentralDifferences(_ testCase: GradientCase, seed: UInt64 = 2024, sourceLocation: SourceLocation = #_sourceLocation) {
    for mismatch in centralDifferenceMismatches(testCase, seed: seed) {
        Issue.record(Comment(rawValue: mismatch), sourceLocation: sourceLocation)
    }
}

/// Compares every element of every input's gradient of `L = Σ op(x) ⊙ R` (R a fixed random
/// tensor) by `backward()` with the central difference of `L` computed without recording a graph;
/// returns a description of each disagreement.
func centralDifferenceMismatches(_ testCase: GradientCase, seed: UInt64 = 2024) -> [String] {
    var mismatches: [String] = []
    var generator = SeededGenerator(seed: seed)
    let values = testCase.draw(using: &generator)
    let shapes = testCase.inputs.map(\.shape)
    let leaves = zip(shapes, values).map { Tensor(shape: $0, elements: $1, requiresGrad: true) }
    let output = testCase.function(leaves)
    let weights = Tensor.randn(output.shape, using: &generator)
    let loss = (output * weights).sum()
    loss.backward()

    func evaluate(_ values: [[Double]]) -> Double {
        Tensor.noGrad {
            let tensors = zip(shapes, values).map { Tensor(shape: $0, elements: $1) }
            return (testCase.function(tensors) * weights).sum().item
        }
    }
    // The forward pass does not depend on whether the graph is recorded.
    if evaluate(values) != loss.item {
        mismatches.append("\(testCase.name): L is \(loss.item) with the graph and \(evaluate(values)) without")
    }

    for (input, leaf) in leaves.enumerated() {
        guard let gradient = leaf.grad else {
            mismatches.append("\(testCase.name): input \(input) has no gradient")
            continue
        }
        guard gradient.shape == leaf.shape else {
            mismatches.append("\(testCase.name): input \(input)'s gradient has shape \(gradient.shape), not \(leaf.shape)")
            continue
        }
        for element in values[input].indices {
            var up = values, down = values
            up[input][element] += gradientCheckStep
            down[input][element] -= gradientCheckStep
            // Divide by the step actually taken (x ± h rounded), not by 2h.
            let numeric = (evaluate(up) - evaluate(down)) / (up[input][element] - down[input][element])
            let analytic = gradient.elements[element]
            if !isClose(analytic, numeric, tolerance: gradientCheckTolerance) {
                mismatches.append(
                    "\(testCase.name): ∂L/∂x\(input)[\(element)] = \(analytic) by backward, \(numeric) by central differences")
            }
        }
    }
    return mismatches
}
