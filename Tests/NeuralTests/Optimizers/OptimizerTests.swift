import Foundation
import Testing
@testable import Neural

/// The parameter and gradients every optimizer test uses: p₀ = [[1, −2], [0.5, 3]] and three
/// fixed gradients, fed to PyTorch 2.13 (float64) as `p.grad = g; opt.step()`.
private let initialParameter = Matrix([[1.0, -2.0], [0.5, 3.0]])
private let gradients = [
    Matrix([[0.5, -1.0], [2.0, 0.1]]), Matrix([[-0.3, 0.8], [1.0, -0.2]]), Matrix([[0.7, 0.4], [-1.5, 0.05]]),
]

private func run<O: Optimizer>(_ optimizer: inout O) -> [Matrix] {
    var parameter = initialParameter
    return gradients.map { gradient in
        _ = optimizer.step(&parameter, gradient: gradient)
        return parameter
    }
}

private func expectTrajectory(_ actual: [Matrix], _ expected: [[[Double]]], tolerance: Double = 1e-13) {
    #expect(actual.count == expected.count)
    for (step, (a, e)) in zip(actual, expected).enumerated() {
        #expect(isClose(a, e, tolerance: tolerance), "step \(step + 1): \(a) vs \(e)")
    }
}

@Suite("Optimizers")
struct OptimizerTests {
    @Test func sgdMatchesPyTorch() {
        var sgd = SGD(learningRate: 0.1)
        // PyTorch: torch.optim.SGD(lr=0.1), 3 steps
        expectTrajectory(run(&sgd), [
            [[0.95, -1.9], [0.3, 2.99]], [[0.98, -1.98], [0.19999999999999998, 3.0100000000000002]],
            [[0.91, -2.02], [0.35, 3.0050000000000003]],
        ])
    }

    @Test func classicalMomentumMatchesPyTorch() {
        var optimizer = ClassicalMomentumSGD(learningRate: 0.1, momentum: 0.9)
        // PyTorch: torch.optim.SGD(lr=0.1, momentum=0.9), 3 steps; state["momentum_buffer"] after
        expectTrajectory(run(&optimizer), [
            [[0.95, -1.9], [0.3, 2.99]], [[0.9349999999999999, -1.89], [0.01999999999999999, 3.0010000000000003]],
            [[0.8514999999999999, -1.9209999999999998], [-0.08200000000000002, 3.0059000000000005]],
        ])
        #expect(isClose(optimizer.velocity!, [[0.835, 0.31000000000000005], [1.02, -0.049]]))
    }

    @Test func averagedMomentumEqualsPyTorchWithScaledLearningRate() {
        var optimizer = AveragedMomentumSGD(learningRate: 0.1, beta: 0.9)
        // PyTorch: torch.optim.SGD(lr=0.1 * (1 - 0.9), momentum=0.9), 3 steps; its momentum buffer is
        // [[0.835, 0.31], [1.02, -0.049]], and ours is (1 − β) times it.
        expectTrajectory(run(&optimizer), [
            [[0.995, -1.99], [0.48, 2.999]], [[0.9935, -1.989], [0.452, 3.0001]],
            [[0.9851500000000001, -1.9921000000000002], [0.4418, 3.0005900000000003]],
        ])
        #expect(isClose(optimizer.velocity!, 0.1 * Matrix([[0.835, 0.31000000000000005], [1.02, -0.049]])))
    }

    @Test func rmsPropMatchesPyTorch() {
        var optimizer = RMSProp(learningRate: 0.01, beta: 0.9, epsilon: 1e-8)
        // PyTorch: torch.optim.RMSprop(lr=0.01, alpha=0.9, eps=1e-8), 3 steps; state["square_avg"]
        expectTrajectory(run(&optimizer), [
            [[0.968377225398316, -1.9683772243983162], [0.4683772238983162, 2.968377233398313]],
            [[0.9852803095405055, -1.9887631115363407], [0.4536330285002178, 2.9969486578881095]],
            [[0.9601111991601011, -1.9989362565564377], [0.47239769389149605, 2.9896241747697077]],
        ])
        #expect(isClose(optimizer.squaredAverage!, [[0.07734999999999997, 0.15459999999999996], [0.6389999999999999, 0.00466]]))
    }

    @Test func rmsPropWithEpsilonInsideTheRoot() {
        var optimizer = RMSProp(learningRate: 0.01, beta: 0.9, epsilon: 1e-8, epsilonPlacement: .insideSquareRoot)
        var theta = 1.0
        let step = optimizer.step(&theta, gradient: 0.5)
        // By hand: s = 0.1·0.25 = 0.025; θ = 1 − 0.01·0.5/√(0.025 + 1e-8)
        #expect(isClose(step.squaredAverage[0, 0], 0.025))
        #expect(isClose(theta, 1 - 0.01 * 0.5 / (0.025 + 1e-8).squareRoot()))
    }

    @Test func adamMatchesPyTorchAndExposesItsMoments() {
        var optimizer = Adam(learningRate: 0.1)
        var parameter = initialParameter
        let first = optimizer.step(&parameter, gradient: gradients[0])
        // By hand: at t = 1 the bias correction makes m̂ = g and v̂ = g², so the step is η·sign(g).
        #expect(first.t == 1)
        #expect(isClose(first.m, 0.1 * gradients[0]) && isClose(first.v, 0.001 * gradients[0].hadamard(gradients[0])))
        #expect(isClose(first.mHat, gradients[0]) && isClose(first.vHat, gradients[0].hadamard(gradients[0])))
        optimizer = Adam(learningRate: 0.1)
        // PyTorch: torch.optim.Adam(lr=0.1), 3 steps; state["exp_avg"], state["exp_avg_sq"]
        expectTrajectory(run(&optimizer), [
            [[0.900000002, -1.900000001], [0.4000000005, 2.900000009999999]],
            [[0.8808501989417752, -1.8941874963340561], [0.30678203720851044, 2.9366103603884888]],
            [[0.822280104918534, -1.9089587781618649], [0.28256756940728023, 2.950279425660213]],
        ])
        #expect(isClose(optimizer.firstMoment!, [[0.08349999999999998, 0.031], [0.10199999999999998, -0.004900000000000001]]))
        #expect(isClose(optimizer.secondMoment!, [[0.0008294102500000007, 0.0017973610000000017], [0.007241004000000007, 5.2440010000000054e-05]]))
        #expect(optimizer.stepCount == 3)
    }

    @Test func adamOnOneScalarParameter() {
        var optimizer = Adam(learningRate: 0.1)
        var theta = 1.0
        // PyTorch: torch.optim.Adam([θ = 1.0], lr=0.1) with gradients 0.5, −0.3, 0.8
        let expected = [0.900000002, 0.8808501989417752, 0.8204965636828663]
        for (gradient, value) in zip([0.5, -0.3, 0.8], expected) {
            optimizer.step(&theta, gradient: gradient)
            #expect(isClose(theta, value, tolerance: 1e-14))
        }
    }

    @Test func adamWithCoupledL2MatchesPyTorch() {
        var optimizer = Adam(learningRate: 0.1, l2Penalty: 0.1)
        // PyTorch: torch.optim.Adam(lr=0.1, weight_decay=0.1), 3 steps
        expectTrajectory(run(&optimizer), [
            [[0.9000000016666666, -1.9000000008333333], [0.4000000004878049, 2.9000000025]],
            [[0.8613529972101512, -1.8740084498469742], [0.306570104544592, 2.81828755467731]],
            [[0.7928876793984277, -1.8641374494143477], [0.2801606537773088, 2.728996038385181]],
        ])
    }

    @Test func adamWMatchesPyTorch() {
        var optimizer = AdamW(learningRate: 0.1, weightDecay: 0.1)
        // PyTorch: torch.optim.AdamW(lr=0.1, weight_decay=0.1), 3 steps; moments equal plain Adam's
        expectTrajectory(run(&optimizer), [
            [[0.890000002, -1.880000001], [0.3950000005, 2.8700000099999987]],
            [[0.8619501989217752, -1.8553874963240562], [0.2978320372035104, 2.8779103602884883]],
            [[0.7947606029093162, -1.8516049031886244], [0.2706392490302451, 2.8628003219573275]],
        ])
        #expect(isClose(optimizer.firstMoment!, [[0.08349999999999998, 0.031], [0.10199999999999998, -0.004900000000000001]]))
    }
}

@Suite("Learning-rate schedules")
struct LearningRateScheduleTests {
    @Test func stepDecayMatchesPyTorch() {
        // PyTorch: lr_scheduler.StepLR(SGD(lr=0.1), step_size=3, gamma=0.5), lr before each of 8 steps
        let expected = [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025]
        #expect(isClose(StepDecay(initialLearningRate: 0.1, stepSize: 3, gamma: 0.5).learningRates(count: 8), expected))
    }

    @Test func cosineAnnealingMatchesPyTorch() {
        // PyTorch: lr_scheduler.CosineAnnealingLR(SGD(lr=0.1), T_max=5, eta_min=0.01)
        let expected = [0.1, 0.09140576474687263, 0.06890576474687263, 0.04109423525312736, 0.018594235253127367, 0.01]
        let schedule = CosineAnnealing(initialLearningRate: 0.1, period: 5, minimumLearningRate: 0.01)
        #expect(isClose(schedule.learningRates(count: 6), expected, tolerance: 1e-14))
    }

    @Test func linearWarmupMatchesPyTorch() {
        // PyTorch: lr_scheduler.LinearLR(SGD(lr=0.1), start_factor=0.25, total_iters=4)
        let expected = [0.025, 0.043750000000000004, 0.06250000000000001, 0.08125000000000002, 0.10000000000000002, 0.10000000000000002]
        let schedule = LinearWarmup(targetLearningRate: 0.1, warmupSteps: 4, startFactor: 0.25)
        #expect(isClose(schedule.learningRates(count: 6), expected, tolerance: 1e-14))
    }

    @Test func oneCycleMatchesPyTorch() {
        // PyTorch: lr_scheduler.OneCycleLR(SGD(lr=0.1), max_lr=1.0, total_steps=10) (defaults pct_start=0.3, cos)
        let expected = [0.040000000000000036, 0.52, 1.0, 0.9504846320134737, 0.8117456539497631, 0.6112620219362893,
                        0.38874197806371075, 0.18825834605023697, 0.049519367986526286, 4e-06]
        #expect(isClose(OneCycle(maximumLearningRate: 1, totalSteps: 10).learningRates(count: 10), expected, tolerance: 1e-12))
    }

    @Test func learningRateRangeTestGrowsExponentially() {
        // Python: 1e-7 * ((10 / 1e-7) ** (1 / 100)) ** t for t in (0, 1, 50, 100)
        let schedule = LearningRateRangeTest(minimumLearningRate: 1e-7, maximumLearningRate: 10, steps: 100)
        let expected = [1e-07, 1.202264434617413e-07, 0.0010000000000000015, 10.000000000000034]
        #expect(isClose([0, 1, 50, 100].map { schedule.learningRate(atStep: $0) }, expected, tolerance: 1e-12))
    }
}
