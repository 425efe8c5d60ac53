import Testing
@testable import Neural

/// The parameter after each step of `TensorOptimizer` with `rule`, from the script's initial
/// parameter, on its gradients: each produced by `backward()` of `Σ p ⊙ g`, whose gradient is `g`.
private func trajectory<Rule: Optimizer>(_ rule: Rule) -> [[Double]] {
    let parameter = Tensor(PyTorchReferences.initialParameter, requiresGrad: true)
    let optimizer = TensorOptimizer([parameter], rule: rule)
    return PyTorchReferences.optimizerGradients.map { gradient in
        optimizer.zeroGrad()
        (parameter * Tensor(gradient)).sum().backward()
        optimizer.step()
        return parameter.elements
    }
}

/// The workbook rule that matches each torch.optim setting of the script.
private func trajectory(named name: String) -> [[Double]]? {
    switch name {
    case "sgd lr 0.1": trajectory(SGD(learningRate: 0.1))
    // torch's SGD momentum is `v ← μv + g; θ ← θ − ηv`: ClassicalMomentumSGD, not AveragedMomentumSGD.
    case "sgd momentum lr 0.1 momentum 0.9": trajectory(ClassicalMomentumSGD(learningRate: 0.1, momentum: 0.9))
    case "rmsprop lr 0.01 alpha 0.9 eps 1e-8": trajectory(RMSProp(learningRate: 0.01, beta: 0.9, epsilon: 1e-8))
    case "adam lr 0.1": trajectory(Adam(learningRate: 0.1))
    case "adam lr 0.05 betas 0.8 0.99 eps 1e-6": trajectory(Adam(learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-6))
    case "adam lr 0.1 weight decay 0.1": trajectory(Adam(learningRate: 0.1, l2Penalty: 0.1))
    case "adamw lr 0.1 weight decay 0.1": trajectory(AdamW(learningRate: 0.1, weightDecay: 0.1))
    case "adam lr 0.1 bias correction none": trajectory(Adam(learningRate: 0.1, biasCorrection: .none))
    case "adam lr 0.1 bias correction first moment only": trajectory(Adam(learningRate: 0.1, biasCorrection: .firstMomentOnly))
    case "adam lr 0.1 bias correction second moment only": trajectory(Adam(learningRate: 0.1, biasCorrection: .secondMomentOnly))
    default: nil
    }
}

/// Three steps of `Linear` on MSE with the rule the script names.
private func train(named name: String) -> (losses: [Double], weight: Tensor, bias: Tensor)? {
    func run<Rule: Optimizer>(_ rule: Rule) -> (losses: [Double], weight: Tensor, bias: Tensor) {
        let model = Linear(weight: Tensor(PyTorchReferences.trainingWeight), bias: Tensor(PyTorchReferences.trainingBias))
        let optimizer = TensorOptimizer(model.parameters, rule: rule)
        var losses: [Double] = []
        for _ in 0..<3 {
            optimizer.zeroGrad()
            let loss = meanSquaredError(
                predicted: model(Tensor(PyTorchReferences.trainingInput)), target: Tensor(PyTorchReferences.trainingTarget))
            loss.backward()
            optimizer.step()
            losses.append(loss.item)
        }
        return (losses, model.weight, model.bias)
    }
    switch name {
    case "linear mse sgd momentum lr 0.05 momentum 0.9": return run(ClassicalMomentumSGD(learningRate: 0.05, momentum: 0.9))
    case "linear mse adam lr 0.1": return run(Adam(learningRate: 0.1))
    default: return nil
    }
}

@Suite("Optimizers against PyTorch")
struct PyTorchOptimizerReferenceTests {
    @Test(arguments: PyTorchReferences.optimizers)
    func tensorOptimizerMatchesPyTorch(_ reference: OptimizerReference) throws {
        let actual = try #require(trajectory(named: reference.name), "no workbook rule for \(reference.name)")
        #expect(actual.count == reference.trajectory.count)
        for (step, (parameter, expected)) in zip(actual, reference.trajectory).enumerated() {
            expectClose(
                PyTorchReferences.initialParameter.shape, parameter, expected.shape, expected.elements,
                tolerance: pyTorchTolerance, "\(reference.name), step \(step + 1)")
        }
    }

    @Test func averagedMomentumMatchesTorchOnlyWithARescaledLearningRate() throws {
        // AveragedMomentumSGD's velocity is (1 − β) times torch's, so η/(1 − β) gives torch's steps
        // (to rounding: 1 − 0.9 is not exactly 0.1), while the same η does not.
        let reference = try #require(PyTorchReferences.optimizers.first { $0.name == "sgd momentum lr 0.1 momentum 0.9" })
        let rescaled = trajectory(AveragedMomentumSGD(learningRate: 0.1 / (1 - 0.9), beta: 0.9))
        for (parameter, expected) in zip(rescaled, reference.trajectory) {
            #expect(isClose(parameter, expected.elements, tolerance: pyTorchTolerance))
        }
        let unscaled = trajectory(AveragedMomentumSGD(learningRate: 0.1, beta: 0.9))
        #expect(!isClose(unscaled[0], reference.trajectory[0].elements, tolerance: 1e-3))
    }

    @Test(arguments: PyTorchReferences.trainings)
    func trainingLoopMatchesPyTorch(_ reference: TrainingReference) throws {
        let result = try #require(train(named: reference.name), "no workbook rule for \(reference.name)")
        #expect(isClose(result.losses, reference.losses, tolerance: pyTorchTolerance), "\(result.losses) vs \(reference.losses)")
        expectClose(result.weight, reference.weight, tolerance: pyTorchTolerance, "\(reference.name) weight")
        expectClose(result.bias, reference.bias, tolerance: pyTorchTolerance, "\(reference.name) bias")
    }

    @Test(arguments: PyTorchReferences.plateaus)
    func plateauScheduleMatchesPyTorch(_ reference: PlateauReference) {
        var schedule = ReduceLearningRateOnPlateau(
            learningRate: reference.learningRate, factor: reference.factor, patience: reference.patience,
            threshold: reference.threshold, minimum: reference.minimum)
        let rates = reference.losses.map { schedule.step(loss: $0) }
        // Includes torch's eps = 1e-8 rule: a reduction by less than 1e-8 is not made (the cases
        // "patience 0 minimum 1e-3" and "tiny rates eps 1e-8").
        #expect(rates == reference.rates, "\(rates) vs torch \(reference.rates)")
    }
}

