import ArgumentParser
import Foundation
import Neural
import NeuralTraining
import Testing
@testable import WorkbookCLI

/// `workbook train` run in-process on a tiny dataset written by the test: flags that can only be
/// judged against the data or a loaded file, unwritable targets found before any training, and
/// divergence stopping with a non-zero status while the weights file keeps its last good epoch.
/// Serialized: a run sets process-wide state (the SIGINT handler, BLAS's thread count).
@Suite(.serialized) struct TrainCommandTests {
    /// An uncompressed IDX file: `00 00 08 rank`, big-endian dimensions, then the bytes.
    static func idx(_ dimensions: [UInt32], _ bytes: [UInt8]) -> Data {
        Data([0, 0, 8, UInt8(dimensions.count)] + dimensions.flatMap { d in (0..<4).map { UInt8(truncatingIfNeeded: d >> (24 - 8 * $0)) } } + bytes)
    }

    /// A folder with four 2×3 images in both sets (labels 0, 1, 2, 1), or `images` instead.
    static func dataset(images: Data = idx([4, 2, 3], Array(0..<24).map { UInt8($0 * 10) })) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-train-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for prefix in ["train", "t10k"] {
            try images.write(to: folder.appendingPathComponent("\(prefix)-images-idx3-ubyte"))
            try idx([4], [0, 1, 2, 1]).write(to: folder.appendingPathComponent("\(prefix)-labels-idx1-ubyte"))
        }
        return folder
    }

    /// Parses and runs `train` with `arguments` on `data`, single-threaded; returns the error thrown.
    static func train(_ data: URL, _ arguments: [String]) -> Error? {
        do {
            let command = try Train.parse(["--data", data.path, "--threads", "1", "--layers", "6,5,3"] + arguments)
            try command.run()
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        (1, 3, "/tmp/w.bin" as String?, nil as Int?, false,
         "diverged at epoch 1, batch 3; nothing was saved to /tmp/w.bin. The loss became NaN or infinite: try a smaller --learning-rate."),
        (2, 1, "/tmp/w.bin", 1, true,
         "diverged at epoch 2, batch 1; /tmp/w.bin keeps epoch 1. The loss became NaN or infinite: try a smaller --learning-rate."),
        (1, 3, "/tmp/w.bin", nil, true,
         "diverged at epoch 1, batch 3; /tmp/w.bin was left as it was. The loss became NaN or infinite: try a smaller --learning-rate."),
        (5, 7, nil, nil, false,
         "diverged at epoch 5, batch 7; no weights were saved (no --save). The loss became NaN or infinite: try a smaller --learning-rate."),
    ])
    func divergenceSaysWhereAndWhatTheWeightsFileKeeps(epoch: Int, batch: Int, save: String?, savedEpoch: Int?, existed: Bool, message: String) {
        #expect(Train.divergenceMessage(epoch: epoch, batch: batch, save: save, savedEpoch: savedEpoch, saveExisted: existed) == message)
    }

    /// `--lr 1e39` is finite, but infinite in `Float`: the first update is not finite. The run
    /// fails (status 1) and the --save file keeps the last good epoch, byte for byte.
    @Test func aDivergingRunFailsAndKeepsTheLastGoodEpoch() throws {
        let data = try Self.dataset()
        defer { try? FileManager.default.removeItem(at: data) }
        let weights = data.appendingPathComponent("w.bin")
        #expect(Self.train(data, ["--epochs", "1", "--save", weights.path]) == nil)
        let good = try Data(contentsOf: weights)
        #expect(try WeightsFile(contentsOf: weights).epochsCompleted == 1)
        let error = Self.train(data, ["--lr", "1e39", "--epochs", "2", "--load", weights.path, "--save", weights.path])
        #expect(error as? ExitCode == .failure)
        #expect(try Data(contentsOf: weights) == good)
        let fresh = data.appendingPathComponent("fresh.bin")
        #expect(Self.train(data, ["--lr", "1e39", "--epochs", "2", "--save", fresh.path]) as? ExitCode == .failure)
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
    }

    /// A file at the epoch counter's limit can be evaluated but not trained further.
    @Test(arguments: [(0, nil as String?), (1, "--epochs 1 would take the epoch count from 4294967295"), (3, "--epochs 3 would take")])
    func theEpochCounterCannotOverflow(epochs: Int, message: String?) throws {
        let data = try Self.dataset()
        defer { try? FileManager.default.removeItem(at: data) }
        let weights = data.appendingPathComponent("old.bin")
        let count = WeightsFile.parameterCount(layerSizes: [6, 5, 3])
        try WeightsFile(
            layerSizes: [6, 5, 3], activation: .relu, precision: .float, epochsCompleted: Int(UInt32.max),
            parameters: (0..<count).map { Double($0 % 7) * 0.1 }
        ).write(to: weights)
        let error = Self.train(data, ["--load", weights.path, "--epochs", "\(epochs)", "--save", weights.path])
        if let message {
            #expect(Workbook.exitCode(for: error!) == .validationFailure)
            #expect(Workbook.message(for: error!).contains(message))
            #expect(Workbook.message(for: error!).contains("(\(weights.path) holds 4294967295 epochs)"))
        } else {
            #expect(error == nil)
        }
    }

    /// Unwritable targets stop the run before the first epoch: neither the weights nor the
    /// curves of an epoch appear.
    @Test(arguments: [
        (["--save", "{data}/missing/w.bin", "--chart", "{data}/c.svg"], "{data}/c.svg"),
        (["--save", "{data}", "--chart", "{data}/c.svg"], "{data}/c.svg"),
        (["--chart", "{data}/missing/c.svg", "--save", "{data}/w.bin"], "{data}/w.bin"),
    ])
    func unwritableTargetsFailBeforeTraining(arguments: [String], neverWritten: String) throws {
        let data = try Self.dataset()
        defer { try? FileManager.default.removeItem(at: data) }
        let resolved = arguments.map { $0.replacingOccurrences(of: "{data}", with: data.path) }
        #expect(Self.train(data, ["--epochs", "1"] + resolved) as? ExitCode == .failure)
        #expect(!FileManager.default.fileExists(atPath: neverWritten.replacingOccurrences(of: "{data}", with: data.path)))
    }

    /// Hostile image files are errors (status 1), not traps.
    @Test(arguments: [
        idx([4, 0, 3], []), idx([.max, .max, .max], []), idx([4, 2, 3], Array(repeating: 0, count: 25)), idx([4, 2, 3], []),
    ])
    func hostileImageFilesAreErrors(images: Data) throws {
        let data = try Self.dataset(images: images)
        defer { try? FileManager.default.removeItem(at: data) }
        #expect(Self.train(data, ["--epochs", "1"]) as? ExitCode == .failure)
    }
}

/// `workbook train --model cnn` in-process on a tiny 28×28 dataset: the model a weights file holds
/// decides what `--load` trains, the flags that do not apply to the CNN are errors naming the
/// flag, and so are images of another size and a file of the other model.
@Suite(.serialized) struct TrainCNNCommandTests {
    /// A folder with six 28×28 images in the training set and four in the test set (labels 0...9),
    /// or images of `side × side`.
    static func dataset(side: UInt32 = 28) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-train-cnn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (prefix, count) in [("train", 6), ("t10k", 4)] {
            let pixels = (0..<(count * Int(side * side))).map { UInt8(truncatingIfNeeded: $0 * 37 % 251) }
            try TrainCommandTests.idx([UInt32(count), side, side], pixels).write(to: folder.appendingPathComponent("\(prefix)-images-idx3-ubyte"))
            let labels = (0..<count).map { UInt8($0 * 3 % 10) }
            try TrainCommandTests.idx([UInt32(count)], labels).write(to: folder.appendingPathComponent("\(prefix)-labels-idx1-ubyte"))
        }
        return folder
    }

    /// Parses and runs `train` with `arguments` on `data`, single-threaded; returns the error thrown.
    static func train(_ data: URL, _ arguments: [String]) -> Error? {
        do {
            let command = try Train.parse(["--data", data.path, "--threads", "1", "--batch-size", "4"] + arguments)
            try command.run()
            return nil
        } catch {
            return error
        }
    }

    @Test func theCNNTrainsSavesAndResumesWithoutModel() throws {
        let data = try Self.dataset()
        defer { try? FileManager.default.removeItem(at: data) }
        let weights = data.appendingPathComponent("cnn.w")
        #expect(Self.train(data, ["--model", "cnn", "--epochs", "1", "--save", weights.path]) == nil)
        let first = try WeightsFile(contentsOf: weights)
        #expect(first.model == .cnn && first.epochsCompleted == 1 && first.parameters.count == 225_034)
        // Without --model, --load trains the model the file holds.
        #expect(Self.train(data, ["--load", weights.path, "--epochs", "1", "--save", weights.path]) == nil)
        let second = try WeightsFile(contentsOf: weights)
        #expect(second.model == .cnn && second.epochsCompleted == 2 && second.parameters != first.parameters)
        #expect(Self.train(data, ["--load", weights.path, "--model", "cnn", "--epochs", "0"]) == nil)
    }

    /// A file of the other model fails (status 1) before any training, and stays as it was.
    @Test func aFileOfTheOtherModelFails() throws {
        let data = try Self.dataset()
        defer { try? FileManager.default.removeItem(at: data) }
        let cnn = data.appendingPathComponent("cnn.w"), mlp = data.appendingPathComponent("mlp.w")
        #expect(Self.train(data, ["--model", "cnn", "--epochs", "1", "--save", cnn.path]) == nil)
        #expect(Self.train(data, ["--model", "mlp", "--layers", "784,8,10", "--epochs", "1", "--save", mlp.path]) == nil)
        let saved = try Data(contentsOf: cnn)
        #expect(Self.train(data, ["--load", cnn.path, "--model", "mlp", "--epochs", "1", "--save", cnn.path]) as? ExitCode == .failure)
        #expect(Self.train(data, ["--load", mlp.path, "--model", "cnn", "--epochs", "0"]) as? ExitCode == .failure)
        #expect(try Data(contentsOf: cnn) == saved)
    }

    @Test(arguments: [
        (["--model", "cnn", "--layers", "784,10"], "--layers does not apply to --model cnn"),
        (["--model", "cnn", "--dropout", "0.3"], "--dropout does not apply to --model cnn"),
        (["--model", "cnn", "--activation", "tanh"], "--activation tanh does not apply to --model cnn"),
    ])
    func flagsThatDoNotApplyAreUsageErrors(arguments: [String], message: String) throws {
        let data = try Self.dataset()
        defer { try? FileManager.default.removeItem(at: data) }
        let error = Self.train(data, arguments + ["--epochs", "1"])
        #expect(error.map { Workbook.exitCode(for: $0) } == .validationFailure)
        #expect(error.map { Workbook.message(for: $0).contains(message) } == true)
    }

    /// A CNN file loaded without --model still refuses --dropout (the CNN has none), naming the flag.
    @Test func aLoadedCNNRefusesDropout() throws {
        let data = try Self.dataset()
        defer { try? FileManager.default.removeItem(at: data) }
        let weights = data.appendingPathComponent("cnn.w")
        #expect(Self.train(data, ["--model", "cnn", "--epochs", "1", "--save", weights.path]) == nil)
        let error = Self.train(data, ["--load", weights.path, "--dropout", "0.3", "--epochs", "1"])
        #expect(error.map { Workbook.exitCode(for: $0) } == .validationFailure)
        #expect(error.map { Workbook.message(for: $0).contains("--dropout must be 0 for the CNN") } == true)
    }

    @Test func imagesOfAnotherSizeFail() throws {
        let data = try Self.dataset(side: 27)
        defer { try? FileManager.default.removeItem(at: data) }
        #expect(Self.train(data, ["--model", "cnn", "--epochs", "1"]) as? ExitCode == .failure)
    }

    /// `--lr 1e39` is infinite in `Float`: the CNN diverges, fails, and saves nothing.
    @Test func aDivergingCNNFailsAndSavesNothing() throws {
        let data = try Self.dataset()
        defer { try? FileManager.default.removeItem(at: data) }
        let fresh = data.appendingPathComponent("fresh.w")
        #expect(Self.train(data, ["--model", "cnn", "--lr", "1e39", "--epochs", "2", "--save", fresh.path]) as? ExitCode == .failure)
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
    }

    @Test(arguments: [([String](), ModelKind.mlp, 20), (["--model", "cnn"], .cnn, 10), (["--model", "cnn", "--epochs", "3"], .cnn, 3)])
    func theCNNDefaultsToTenEpochs(arguments: [String], model: ModelKind, epochs: Int) throws {
        #expect(try Train.parse(arguments).resolvedEpochs(model: model) == epochs)
    }
}
