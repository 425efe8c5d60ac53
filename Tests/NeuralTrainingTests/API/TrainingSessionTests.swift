import Foundation
import Testing
import Neural
@testable import NeuralTraining

@Suite struct TrainingSessionTests {
    /// 200 synthetic 4×4 images: class k lights up row k.
    static let stripes: LabelledImages = {
        var generator = SeededGenerator(seed: 3)
        var pixels: [UInt8] = [], labels: [UInt8] = []
        for _ in 0..<200 {
            let label = generator.nextInt(below: 4)
            labels.append(UInt8(label))
            for row in 0..<4 {
                for _ in 0..<4 { pixels.append(UInt8(row == label ? 200 + generator.nextInt(below: 56) : generator.nextInt(below: 60))) }
            }
        }
        return LabelledImages(pixels: pixels, labels: labels, rows: 4, columns: 4)
    }()

    @Test(arguments: Precision.allCases, OptimizerKind.allCases)
    func learnsAnEasyProblem(precision: Precision, kind: OptimizerKind) {
        let configuration = TrainingConfiguration(
            layerSizes: [16, 8, 4], optimizer: OptimizerSettings(kind: kind, learningRate: OptimizerSettings.defaultLearningRate(for: kind) * 5),
            batchSize: 16, seed: 5, precision: precision)
        let session = TrainingSession(configuration: configuration, training: Self.stripes)
        #expect(session.batchesPerEpoch == 13)
        var last = session.trainEpoch()
        for _ in 0..<29 { last = session.trainEpoch() }
        #expect(last.completed && last.batches == 13 && last.tally.examples == 200)
        #expect(session.evaluate(Self.stripes).accuracy > 0.95)
        #expect(session.epochsCompleted == 30)
    }

    @Test(arguments: Precision.allCases)
    func theSameSeedGivesTheSameWeights(precision: Precision) {
        func run(seed: UInt64) -> [Double] {
            let configuration = TrainingConfiguration(layerSizes: [16, 8, 4], batchSize: 16, seed: seed, precision: precision)
            let session = TrainingSession(configuration: configuration, training: Self.stripes)
            _ = session.trainEpoch()
            _ = session.trainEpoch()
            return session.weights().parameters
        }
        #expect(run(seed: 11) == run(seed: 11))
        #expect(run(seed: 11) != run(seed: 12))
    }

    @Test func stopsAfterTheCurrentBatchWhenAsked() {
        let session = TrainingSession(configuration: TrainingConfiguration(layerSizes: [16, 8, 4], batchSize: 16), training: Self.stripes)
        var seen = 0
        let result = session.trainEpoch(shouldStop: { seen >= 3 }, onBatch: { seen = $0 })
        #expect(result.batches == 3 && !result.completed && result.tally.examples == 48)
        #expect(session.epochsCompleted == 0)
    }

    @Test func resumesFromSavedWeights() {
        let configuration = TrainingConfiguration(layerSizes: [16, 8, 4], batchSize: 16, precision: .double)
        let first = TrainingSession(configuration: configuration, training: Self.stripes)
        _ = first.trainEpoch()
        let saved = first.weights()
        let resumed = TrainingSession(configuration: configuration, training: Self.stripes, initialParameters: saved.parameters, startingEpoch: saved.epochsCompleted)
        #expect(resumed.weights() == saved)
        #expect(resumed.evaluate(Self.stripes) == first.evaluate(Self.stripes))
    }

    /// A learning rate far too large (1e12 in `Float`, 1e100 in `Double`; on this tiny set smaller
    /// ones only kill every ReLU): the loss turns NaN within the first epoch, which stops at that
    /// batch, says so, does not count, and does not call `onBatch` for it.
    @Test(arguments: Precision.allCases, [OptimizerKind.sgd, .momentum])
    func aHugeLearningRateDivergesAtABatch(precision: Precision, kind: OptimizerKind) {
        let rate = precision == .float ? 1e12 : 1e100
        let configuration = TrainingConfiguration(
            layerSizes: [16, 8, 4], optimizer: OptimizerSettings(kind: kind, learningRate: rate), batchSize: 16, seed: 5, precision: precision)
        let session = TrainingSession(configuration: configuration, training: Self.stripes)
        var seen = 0
        let result = session.trainEpoch(onBatch: { seen = $0 })
        #expect(result.diverged && !result.completed)
        #expect(result.batches > 1 && result.batches < session.batchesPerEpoch)
        #expect(seen == result.batches - 1)
        #expect(!result.tally.lossSum.isFinite)
        #expect(session.epochsCompleted == 0)
    }

    /// A NaN in the output biases (weights saved by an old version) poisons every logit: the
    /// first batch diverges, and the session's weights cannot be saved.
    @Test(arguments: Precision.allCases)
    func nonFiniteWeightsDivergeAtTheFirstBatch(precision: Precision) throws {
        let configuration = TrainingConfiguration(layerSizes: [16, 8, 4], batchSize: 16, precision: precision)
        var parameters = TrainingSession(configuration: configuration, training: Self.stripes).weights().parameters
        parameters[parameters.count - 1] = .nan
        let session = TrainingSession(configuration: configuration, training: Self.stripes, initialParameters: parameters, startingEpoch: 4)
        let result = session.trainEpoch()
        #expect(result.diverged && !result.completed && result.batches == 1)
        #expect(session.epochsCompleted == 4)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("never-\(UUID().uuidString).nntw")
        #expect(throws: WeightsFileError.self) { try session.weights().write(to: url) }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    /// In `Float` a learning rate of 1e39 is infinite: the one batch's loss is still finite, but
    /// its update is not. The sweep at the end of the epoch catches what no loss has seen.
    @Test(arguments: OptimizerKind.allCases)
    func nonFiniteParametersAfterTheLastBatchAreADivergence(kind: OptimizerKind) {
        let configuration = TrainingConfiguration(
            layerSizes: [16, 8, 4], optimizer: OptimizerSettings(kind: kind, learningRate: 1e39), batchSize: 256, precision: .float)
        let session = TrainingSession(configuration: configuration, training: Self.stripes)
        let result = session.trainEpoch()
        #expect(session.batchesPerEpoch == 1)
        #expect(result.tally.lossSum.isFinite)
        #expect(result.diverged && !result.completed && result.batches == 1)
        #expect(session.epochsCompleted == 0)
    }
}
