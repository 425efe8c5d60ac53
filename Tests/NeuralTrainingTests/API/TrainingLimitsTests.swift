import Testing
import Neural
@testable import NeuralTraining

/// Every setting of a run is checked against `TrainingLimits` with checked arithmetic: hostile
/// values are errors naming the setting, never overflow traps, hangs or terabyte allocations.
@Suite struct TrainingLimitsTests {
    /// One check of one value, for the tables below.
    enum Check: Sendable, CustomTestStringConvertible {
        case learningRate(Double), momentum(Double), weightDecay(Double), batchSize(Int), threads(Int, cores: Int)
        case epochs(Int, after: Int), limit(Int), layers([Int]), workspace(batchSize: Int, layers: [Int])

        func run() throws(TrainingSettingError) {
            switch self {
            case let .learningRate(value): try TrainingLimits.checkLearningRate(value)
            case let .momentum(value): try TrainingLimits.checkMomentum(value)
            case let .weightDecay(value): try TrainingLimits.checkWeightDecay(value)
            case let .batchSize(value): try TrainingLimits.checkBatchSize(value)
            case let .threads(value, cores): try TrainingLimits.checkThreads(value, cores: cores)
            case let .epochs(value, completed): try TrainingLimits.checkEpochs(value, after: completed, countedIn: completed > 0 ? "w.bin" : nil)
            case let .limit(value): try TrainingLimits.checkLimit(value)
            case let .layers(sizes): try TrainingLimits.checkLayers(sizes)
            case let .workspace(batchSize, sizes): try TrainingLimits.checkWorkspace(batchSize: batchSize, layerSizes: sizes)
            }
        }

        var testDescription: String { "\(self)" }
    }

    @Test(arguments: [
        Check.learningRate(0.1), .learningRate(1e9), .momentum(0), .momentum(0.99), .weightDecay(0), .weightDecay(5),
        .batchSize(1), .batchSize(65536), .threads(1, cores: 2), .threads(8, cores: 2), .threads(256, cores: 128),
        .epochs(0, after: 0), .epochs(1, after: Int(UInt32.max) - 1), .epochs(Int(UInt32.max), after: 0), .limit(1),
        .layers([784, 256, 128, 10]), .layers([1 << 20, 1 << 10, 1]), .layers(Array(repeating: 4, count: 64)), .workspace(batchSize: 65536, layers: [784, 256, 128, 10]),
    ])
    func reasonableSettingsPass(check: Check) throws {
        try check.run()
    }

    @Test(arguments: [
        (Check.learningRate(.nan), TrainingSettingError(.learningRate, "must be a finite positive number, got nan")),
        (.learningRate(.infinity), TrainingSettingError(.learningRate, "must be a finite positive number, got inf")),
        (.learningRate(0), TrainingSettingError(.learningRate, "must be a finite positive number, got 0.0")),
        (.learningRate(-1), TrainingSettingError(.learningRate, "must be a finite positive number, got -1.0")),
        (.momentum(.nan), TrainingSettingError(.momentum, "must be a finite number in [0, 1), got nan")),
        (.momentum(1), TrainingSettingError(.momentum, "must be a finite number in [0, 1), got 1.0")),
        (.momentum(-0.5), TrainingSettingError(.momentum, "must be a finite number in [0, 1), got -0.5")),
        (.weightDecay(.nan), TrainingSettingError(.weightDecay, "must be a finite number, 0 or more, got nan")),
        (.weightDecay(-.infinity), TrainingSettingError(.weightDecay, "must be a finite number, 0 or more, got -inf")),
        (.batchSize(0), TrainingSettingError(.batchSize, "must be between 1 and 65536, got 0")),
        (.batchSize(1_000_000_000), TrainingSettingError(.batchSize, "must be between 1 and 65536, got 1000000000")),
        (.threads(0, cores: 2), TrainingSettingError(.threads, "must be between 1 and 8 (4 per core, 2 cores, at most 256), got 0")),
        (.threads(100_000, cores: 2), TrainingSettingError(.threads, "must be between 1 and 8 (4 per core, 2 cores, at most 256), got 100000")),
        (.threads(257, cores: 1000), TrainingSettingError(.threads, "must be between 1 and 256 (4 per core, 1000 cores, at most 256), got 257")),
        (.epochs(-1, after: 0), TrainingSettingError(.epochs, "must be between 0 and 4294967295, got -1")),
        (.epochs(Int(UInt32.max) + 1, after: 0), TrainingSettingError(.epochs, "must be between 0 and 4294967295, got 4294967296")),
        (.epochs(1, after: Int(UInt32.max)), TrainingSettingError(
            .epochs, "1 would take the epoch count from 4294967295 (w.bin holds 4294967295 epochs) past 4294967295, the most a weights file counts")),
        (.epochs(Int(UInt32.max), after: .max), TrainingSettingError(
            .epochs, "4294967295 would take the epoch count from \(Int.max) (w.bin holds \(Int.max) epochs) past 4294967295, the most a weights file counts")),
        (.limit(0), TrainingSettingError(.limit, "must be positive, got 0")),
        (.layers([10]), TrainingSettingError(.layers, "must be at least two widths, got [10]")),
        (.layers(Array(repeating: 4, count: 65)), TrainingSettingError(.layers, "must be at most 64 widths, got 65")),
        (.layers([784, 0, 10]), TrainingSettingError(.layers, "[784, 0, 10] has a width of 0, outside 1...1048576")),
        (.layers([784, 2_000_000, 10]), TrainingSettingError(.layers, "[784, 2000000, 10] has a width of 2000000, outside 1...1048576")),
        (.layers([784, .max, 10]), TrainingSettingError(.layers, "[784, \(Int.max), 10] has a width of \(Int.max), outside 1...1048576")),
        (.layers([1 << 20, 1 << 20, 10]), TrainingSettingError(.layers, "[1048576, 1048576, 10] has 1099523162122 parameters, more than the 2147483648 allowed")),
        (.workspace(batchSize: 65536, layers: [1 << 20, 1 << 10, 1]), TrainingSettingError(
            .batchSize, "65536 with layers [1048576, 1024, 1] needs 68853760000 scalars of workspace, more than the 2147483648 allowed; use a smaller batch or narrower layers")),
        (.workspace(batchSize: .max, layers: [784, 10]), TrainingSettingError(
            .batchSize, "\(Int.max) with layers [784, 10] needs more scalars of workspace than an Int counts, more than the 2147483648 allowed; use a smaller batch or narrower layers")),
    ])
    func hostileSettingsAreErrorsNamingTheSetting(check: Check, expected: TrainingSettingError) {
        #expect(throws: expected) { try check.run() }
    }

    @Test(arguments: [
        ([784, 256, 128, 10], 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10 as Int?),
        ([Int.max, 2], nil), ([1 << 32, 1 << 32], nil), ([1 << 40, 1 << 22, 1 << 40], nil), ([3, -1], nil),
    ] as [([Int], Int?)])
    func parameterCountsAreCheckedForOverflow(sizes: [Int], count: Int?) {
        #expect(TrainingLimits.parameterCount(layerSizes: sizes) == count)
    }

    @Test(arguments: [
        (64, [784, 256, 128, 10], max(64 * (784 + 256 + 128 + 10 + 256 + 128), 1000 * (784 + 256 + 128 + 10)) as Int?),
        (65536, [784, 256, 128, 10], 65536 * (784 + 256 + 128 + 10 + 256 + 128)),
        (1 << 62, [784, 10], nil), (64, [Int.max, 1, 1], nil),
    ] as [(Int, [Int], Int?)])
    func workspaceSizesAreCheckedForOverflow(batchSize: Int, sizes: [Int], scalars: Int?) {
        #expect(TrainingLimits.workspaceScalars(batchSize: batchSize, layerSizes: sizes) == scalars)
    }

    @Test(arguments: [(1, 4), (2, 8), (64, 256), (1000, 256), (0, 4)])
    func threadsAreCappedByTheCores(cores: Int, most: Int) {
        #expect(TrainingLimits.maximumThreads(cores: cores) == most)
    }

    @Test(arguments: [
        (TrainingConfiguration(), nil as TrainingSettingError?),
        (TrainingConfiguration(optimizer: OptimizerSettings(kind: .momentum, learningRate: 0.1, momentum: .nan)),
         TrainingSettingError(.momentum, "must be a finite number in [0, 1), got nan")),
        (TrainingConfiguration(optimizer: OptimizerSettings(kind: .adamw, learningRate: 0.1, weightDecay: -1)),
         TrainingSettingError(.weightDecay, "must be a finite number, 0 or more, got -1.0")),
        (TrainingConfiguration(batchSize: 1_000_000_000), TrainingSettingError(.batchSize, "must be between 1 and 65536, got 1000000000")),
        (TrainingConfiguration(threads: 100_000), TrainingSettingError(.threads, "must be between 1 and 8 (4 per core, 2 cores, at most 256), got 100000")),
        (TrainingConfiguration(layerSizes: [784, 1 << 20, 10], batchSize: 4096), TrainingSettingError(
            .batchSize, "4096 with layers [784, 1048576, 10] needs 8593186816 scalars of workspace, more than the 2147483648 allowed; use a smaller batch or narrower layers")),
    ])
    func configurationsAreValidatedAsAWhole(configuration: TrainingConfiguration, expected: TrainingSettingError?) {
        if let expected {
            #expect(throws: expected) { try configuration.validate(cores: 2) }
        } else {
            #expect(throws: Never.self) { try configuration.validate(cores: 2) }
        }
    }

    @Test func theErrorReadsAsASentence() {
        #expect(TrainingSettingError(.batchSize, "must be between 1 and 65536, got 0").description == "the batch size must be between 1 and 65536, got 0")
    }
}
