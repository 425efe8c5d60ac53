import Foundation
import Testing
@testable import Neural

@Suite("Adam bias correction")
struct AdamBiasCorrectionTests {
    @Test func flagsSayWhichMomentIsCorrected() {
        #expect(AdamBiasCorrection.allCases == [.both, .firstMomentOnly, .secondMomentOnly, .none])
        #expect(AdamBiasCorrection.both.correctsFirstMoment && AdamBiasCorrection.both.correctsSecondMoment)
        #expect(AdamBiasCorrection.firstMomentOnly.correctsFirstMoment && !AdamBiasCorrection.firstMomentOnly.correctsSecondMoment)
        #expect(!AdamBiasCorrection.secondMomentOnly.correctsFirstMoment && AdamBiasCorrection.secondMomentOnly.correctsSecondMoment)
        #expect(!AdamBiasCorrection.none.correctsFirstMoment && !AdamBiasCorrection.none.correctsSecondMoment)
        #expect(Adam().biasCorrection == .both)
    }

    @Test(arguments: AdamBiasCorrection.allCases)
    func firstStepFollowsTheFormula(_ correction: AdamBiasCorrection) {
        // By hand for one parameter with g = 0.5: m = (1 − β₁)g = 0.05, v = (1 − β₂)g² = 0.00025;
        // m̂ = m/(1 − β₁), v̂ = v/(1 − β₂) where corrected; θ ← θ − η·(m̂/(√v̂ + ε)). The same
        // operations in the same order as Adam.swift, so the results are equal, not just close.
        var adam = Adam(learningRate: 0.1, biasCorrection: correction)
        var theta = 1.0
        let record = adam.step(&theta, gradient: 0.5)
        let m = (1 - 0.9) * 0.5, v = (1 - 0.999) * (0.5 * 0.5)
        let mHat = correction.correctsFirstMoment ? m / (1 - 0.9) : m
        let vHat = correction.correctsSecondMoment ? v / (1 - 0.999) : v
        #expect(record.m[0, 0] == m && record.v[0, 0] == v)
        #expect(record.mHat[0, 0] == mHat && record.vHat[0, 0] == vHat)
        #expect(theta == 1 - 0.1 * (mHat / (vHat.squareRoot() + 1e-8)))
        #expect(record.t == 1)
    }

    @Test func withoutCorrectionTheFirstStepsAreSmallerOrLarger() {
        // m alone starts (1 − β₁) = 0.1 times too small; v alone 0.001 times, so √v 0.0316 times:
        // without the v correction the first step is about 31.6 times larger, without the m one 10 times smaller.
        func firstUpdate(_ correction: AdamBiasCorrection) -> Double {
            var adam = Adam(learningRate: 0.01, biasCorrection: correction)
            var theta = 0.0
            adam.step(&theta, gradient: 2)
            return -theta
        }
        #expect(isClose(firstUpdate(.both), 0.01, tolerance: 1e-8))
        #expect(isClose(firstUpdate(.firstMomentOnly), 0.01 / 0.001.squareRoot(), tolerance: 1e-6))
        #expect(isClose(firstUpdate(.secondMomentOnly), 0.001, tolerance: 1e-8))
        #expect(isClose(firstUpdate(.none), 0.001 / 0.001.squareRoot(), tolerance: 1e-6))
    }
}

@Suite("ReduceLearningRateOnPlateau")
struct ReduceLearningRateOnPlateauTests {
    @Test func defaultsAreTorchs() {
        let schedule = ReduceLearningRateOnPlateau(learningRate: 0.1)
        #expect(schedule.factor == 0.1 && schedule.patience == 10 && schedule.threshold == 1e-4 && schedule.minimum == 0)
        #expect(schedule.best == .infinity && schedule.epochsWithoutImprovement == 0 && schedule.learningRate == 0.1)
    }

    @Test func countsEpochsWithoutARelativeImprovement() {
        var schedule = ReduceLearningRateOnPlateau(learningRate: 1, factor: 0.5, patience: 2, threshold: 0.1)
        #expect(schedule.step(loss: 10) == 1)
        #expect(schedule.best == 10 && schedule.epochsWithoutImprovement == 0)
        // 9.5 is not below 10·(1 − 0.1) = 9: no improvement, and best stays 10.
        #expect(schedule.step(loss: 9.5) == 1)
        #expect(schedule.best == 10 && schedule.epochsWithoutImprovement == 1)
        #expect(schedule.step(loss: 8.9) == 1)
        #expect(schedule.best == 8.9 && schedule.epochsWithoutImprovement == 0)
        #expect(schedule.step(loss: 9) == 1)
        #expect(schedule.step(loss: 9) == 1)
        // The third epoch in a row without improvement is more than the patience of 2.
        #expect(schedule.step(loss: 9) == 0.5)
        #expect(schedule.epochsWithoutImprovement == 0 && schedule.best == 8.9)
    }

    @Test func neverGoesBelowTheMinimum() {
        var schedule = ReduceLearningRateOnPlateau(learningRate: 1, factor: 0.1, patience: 0, minimum: 0.05)
        let rates = [1.0, 2, 3, 4, 5].map { schedule.step(loss: $0) }
        #expect(rates == [1, 0.1, 0.05, 0.05, 0.05])
    }
}
