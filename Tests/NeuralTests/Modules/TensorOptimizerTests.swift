import Testing
@testable import Neural

/// A small regression problem: x (6 × 3), y (6 × 2), and a layer's starting weight and bias.
private struct Problem {
    let x: Matrix
    let y: Matrix
    let weight: Matrix
    let bias: Matrix

    init(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        x = generator.gaussianMatrix(rows: 6, columns: 3)
        y = generator.gaussianMatrix(rows: 6, columns: 2)
        weight = generator.gaussianMatrix(rows: 3, columns: 2, standardDeviation: 0.5)
        bias = generator.gaussianMatrix(rows: 1, columns: 2, standardDeviation: 0.1)
    }
}

/// Trains `Linear` with `TensorOptimizer` on MSE for `steps` steps, returning the gradients seen
/// and the parameters after each step.
private func trainWithTensors<Rule: Optimizer>(
    _ problem: Problem, rule: Rule, steps: Int
) -> (gradients: [(Matrix, Matrix)], parameters: [(Matrix, Matrix)]) {
    let linear = Linear(weight: Tensor(problem.weight), bias: Tensor(problem.bias.elements))
    let optimizer = TensorOptimizer(linear.parameters, rule: rule)
    var gradients: [(Matrix, Matrix)] = []
    var parameters: [(Matrix, Matrix)] = []
    for _ in 0..<steps {
        optimizer.zeroGrad()
        meanSquaredError(predicted: linear(Tensor(problem.x)), target: Tensor(problem.y)).backward()
        gradients.append((linear.weight.grad!.matrix, Matrix(row: linear.bias.grad!.elements)))
        optimizer.step()
        parameters.append((linear.weight.matrix, Matrix(row: linear.bias.elements)))
    }
    return (gradients, parameters)
}

/// The same steps with the Matrix rule, one per parameter, on the given gradients.
private func stepByHand<Rule: Optimizer>(_ problem: Problem, rule: Rule, gradients: [(Matrix, Matrix)]) -> [(Matrix, Matrix)] {
    var weightRule = rule, biasRule = rule
    var weight = problem.weight, bias = problem.bias
    return gradients.map { gw, gb in
        _ = weightRule.step(&weight, gradient: gw)
        _ = biasRule.step(&bias, gradient: gb)
        return (weight, bias)
    }
}

@Suite("TensorOptimizer")
struct TensorOptimizerTests {
    @Test func sgdStepsEqualTheMatrixRule() {
        let problem = Problem(seed: 21)
        let (gradients, parameters) = trainWithTensors(problem, rule: SGD(learningRate: 0.1), steps: 5)
        let byHand = stepByHand(problem, rule: SGD(learningRate: 0.1), gradients: gradients)
        for ((w, b), (w2, b2)) in zip(parameters, byHand) {
            #expect(w == w2 && b == b2)
        }
        // The first step is θ − η·∂L/∂θ.
        #expect(parameters[0].0 == problem.weight - 0.1 * gradients[0].0)
    }

    @Test func adamStepsEqualTheMatrixRule() {
        let problem = Problem(seed: 22)
        let rule = Adam(learningRate: 0.05, beta1: 0.8, beta2: 0.99)
        let (gradients, parameters) = trainWithTensors(problem, rule: rule, steps: 6)
        let byHand = stepByHand(problem, rule: rule, gradients: gradients)
        for ((w, b), (w2, b2)) in zip(parameters, byHand) {
            #expect(w == w2 && b == b2)
        }
    }

    @Test(arguments: [AdamBiasCorrection.both, .firstMomentOnly, .secondMomentOnly, .none])
    func adamBiasCorrectionVariantsStepEqually(_ correction: AdamBiasCorrection) {
        let problem = Problem(seed: 23)
        let rule = Adam(learningRate: 0.02, biasCorrection: correction)
        let (gradients, parameters) = trainWithTensors(problem, rule: rule, steps: 4)
        let byHand = stepByHand(problem, rule: rule, gradients: gradients)
        for ((w, b), (w2, b2)) in zip(parameters, byHand) {
            #expect(w == w2 && b == b2)
        }
    }

    @Test func everyRuleStepsEqually() {
        let problem = Problem(seed: 24)
        func check<Rule: Optimizer>(_ rule: Rule) {
            let (gradients, parameters) = trainWithTensors(problem, rule: rule, steps: 4)
            let byHand = stepByHand(problem, rule: rule, gradients: gradients)
            for ((w, b), (w2, b2)) in zip(parameters, byHand) {
                #expect(w == w2 && b == b2, "\(rule)")
            }
        }
        check(ClassicalMomentumSGD(learningRate: 0.05, momentum: 0.9))
        check(AveragedMomentumSGD(learningRate: 0.05, beta: 0.9))
        check(RMSProp(learningRate: 0.01, beta: 0.9))
        check(RMSProp(learningRate: 0.01, beta: 0.9, epsilonPlacement: .insideSquareRoot))
        check(AdamW(learningRate: 0.01, weightDecay: 0.1))
        check(Adam(learningRate: 0.01, l2Penalty: 0.05))
    }

    @Test func tensorGradientsEqualDenseLayerGradientsForMSE() {
        // The gradients the optimizer receives are DenseLayer's hand-written backward of
        // meanSquaredErrorGradient, to rounding (2r/n is computed as (1/n)·2r here).
        let problem = Problem(seed: 25)
        let (gradients, _) = trainWithTensors(problem, rule: SGD(learningRate: 0), steps: 1)
        let layer = DenseLayer(weights: problem.weight, bias: problem.bias, activation: .identity)
        let pass = layer.forward(problem.x)
        let expected = layer.backward(pass, outputGradient: meanSquaredErrorGradient(predicted: pass.activation, target: problem.y))
        #expect(isClose(gradients[0].0, expected.weights, tolerance: 1e-15))
        #expect(isClose(gradients[0].1, expected.bias, tolerance: 1e-15))
    }

    @Test func eachParameterHasItsOwnState() {
        let a = Tensor([[1, 2]], requiresGrad: true)
        let b = Tensor([3, 4, 5], requiresGrad: true)
        let optimizer = TensorOptimizer([a, b], rule: Adam(learningRate: 0.1))
        #expect(optimizer.rules.count == 2)
        (a.sum() + (b * b).sum()).backward()
        optimizer.step()
        #expect(optimizer.rules.allSatisfy { $0.stepCount == 1 })
        #expect(optimizer.rules[0].firstMoment?.columns == 2 && optimizer.rules[1].firstMoment?.columns == 3)
        #expect(optimizer.rules[1].firstMoment?.rows == 1)
        // A parameter without a gradient is skipped: no update and no step counted.
        optimizer.zeroGrad()
        #expect(a.grad == nil && b.grad == nil)
        (b * 2).sum().backward()
        let before = a.elements
        optimizer.step()
        #expect(a.elements == before)
        #expect(optimizer.rules[0].stepCount == 1 && optimizer.rules[1].stepCount == 2)
    }

    @Test func parametersOfAnyRankStepAsOneRow() {
        func matrixShape(_ shape: [Int]) -> [Int] {
            let (rows, columns) = TensorOptimizer<SGD>.matrixShape(shape)
            return [rows, columns]
        }
        #expect(matrixShape([3, 4]) == [3, 4])
        #expect(matrixShape([5]) == [1, 5])
        #expect(matrixShape([2, 3, 4]) == [1, 24])
        #expect(matrixShape([]) == [1, 1])
        // An element-wise rule gives the same numbers whatever the shape.
        let gradient: [Double] = [0.5, -1, 2, 0.1, -0.3, 0.8]
        var trajectories: [[Double]] = []
        for shape in [[2, 3], [6], [3, 1, 2]] {
            let p = Tensor(shape: shape, elements: [1, -2, 0.5, 3, 0.25, -0.75], requiresGrad: true)
            let optimizer = TensorOptimizer([p], rule: RMSProp(learningRate: 0.01))
            for _ in 0..<3 {
                optimizer.zeroGrad()
                (p * Tensor(shape: shape, elements: gradient)).sum().backward()
                optimizer.step()
            }
            #expect(p.shape == shape)
            trajectories.append(p.elements)
        }
        #expect(trajectories[0] == trajectories[1] && trajectories[1] == trajectories[2])
        let scalar = Tensor(2, requiresGrad: true)
        let optimizer = TensorOptimizer([scalar], rule: SGD(learningRate: 0.5))
        (scalar * scalar).backward()
        optimizer.step()
        #expect(scalar.item == 0)
    }

    @Test func setLearningRateChangesEveryRule() {
        let a = Tensor([1], requiresGrad: true), b = Tensor([2], requiresGrad: true)
        let optimizer = TensorOptimizer([a, b], rule: ClassicalMomentumSGD(learningRate: 0.1, momentum: 0.5))
        optimizer.setLearningRate(0.01)
        #expect(optimizer.rules.allSatisfy { $0.learningRate == 0.01 && $0.momentum == 0.5 })
        (a * 3 + b * 4).sum().backward()
        optimizer.step()
        #expect(isClose(a.item, 0.97, tolerance: 1e-15) && isClose(b.item, 1.96, tolerance: 1e-15))
        // Every rule can be adjusted through the protocol.
        func adjusted<Rule: LearningRateAdjustable>(_ rule: Rule) -> Double {
            var copy = rule
            copy.learningRate = 0.125
            return copy.learningRate
        }
        #expect(adjusted(SGD(learningRate: 1)) == 0.125)
        #expect(adjusted(AveragedMomentumSGD(learningRate: 1)) == 0.125)
        #expect(adjusted(RMSProp()) == 0.125)
        #expect(adjusted(Adam()) == 0.125)
        #expect(adjusted(AdamW()) == 0.125)
    }

    @Test func aPlateauScheduleDrivesTheLearningRate() {
        let p = Tensor([1], requiresGrad: true)
        let optimizer = TensorOptimizer([p], rule: SGD(learningRate: 0.1))
        var plateau = ReduceLearningRateOnPlateau(learningRate: 0.1, factor: 0.5, patience: 0)
        for loss in [1.0, 1.0, 1.0] {
            optimizer.setLearningRate(plateau.step(loss: loss))
        }
        #expect(optimizer.rules[0].learningRate == 0.025)
    }
}
