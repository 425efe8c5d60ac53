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
