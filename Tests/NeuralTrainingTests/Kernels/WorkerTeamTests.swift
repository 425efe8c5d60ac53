import Testing
import Neural
@testable import NeuralTraining

@Suite struct WorkerTeamTests {
    @Test(arguments: [(64, 2), (32, 2), (7, 3), (1, 2), (256, 4)])
    func rowSharesCoverTheBatchOnce(count: Int, members: Int) {
        let shares = (0..<members).map { WorkerTeamShare.rows(count, member: $0, members: members) }
        #expect(shares.flatMap { Array($0) } == Array(0..<count))
        #expect(shares.map(\.count).max()! - shares.map(\.count).min()! <= 1)
    }

    @Test(arguments: [(256, 2, [0..<128, 128..<256]), (128, 2, [0..<64, 64..<128]), (10, 2, [0..<0, 0..<10]), (100, 3, [0..<32, 32..<64, 64..<100])])
    func columnSharesAreCutAtMultiplesOf16(count: Int, members: Int, expected: [Range<Int>]) {
        #expect((0..<members).map { WorkerTeamShare.columns(count, member: $0, members: members) } == expected)
    }

    @Test func everyMemberRunsEveryPhase() {
        guard #available(macOS 15.0, *) else { return }
        let team = WorkerTeam(size: 3)
        var seen = [0, 0, 0]
        for _ in 0..<1000 {
            team.run { member in seen[member] += 1 }
        }
        #expect(seen == [1000, 1000, 1000])
    }

    /// A team released at once, before its threads have even started, or after running, stops
    /// them: its threads hold no reference that would keep it alive or outlive it.
    @Test(arguments: [0, 1])
    func aReleasedTeamStopsItsThreads(phases: Int) {
        guard #available(macOS 15.0, *) else { return }
        for _ in 0..<200 {
            let team = WorkerTeam(size: 3)
            for _ in 0..<phases { team.run { _ in } }
        }
    }

    /// The team splits rows, columns and parameter ranges; the sums are the same up to rounding.
    @Test(arguments: OptimizerKind.allCases)
    func aTeamTrainsLikeOneThread(kind: OptimizerKind) {
        func weights(threads: Int) -> [Double] {
            let configuration = TrainingConfiguration(
                layerSizes: [16, 40, 24, 4], optimizer: OptimizerSettings(kind: kind, learningRate: OptimizerSettings.defaultLearningRate(for: kind)),
                batchSize: 16, seed: 8, precision: .double, threads: threads)
            let session = TrainingSession(configuration: configuration, training: TrainingSessionTests.stripes)
            _ = session.trainEpoch()
            _ = session.trainEpoch()
            return session.weights().parameters
        }
        #expect(largestRelativeError(weights(threads: 2), weights(threads: 1)) < 1e-12)
        #expect(weights(threads: 3) == weights(threads: 3))
    }
}
