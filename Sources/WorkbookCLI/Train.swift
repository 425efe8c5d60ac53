import ArgumentParser
import Foundation
import Neural
import NeuralTraining

/// `workbook train`: trains the sources' MLP (`[784, 256, 128, 10]`, ReLU, softmax + cross-entropy,
/// He init, mini-batch SGD) or, with `--model cnn`, source 004's SimpleCNN (Adam 1e-3) on
/// Fashion-MNIST or any IDX dataset, with BLAS-backed kernels.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the MLP or the CNN on Fashion-MNIST (or any IDX dataset) with BLAS-fast kernels.",
        discussion: """
            Reads the four IDX files from --data, else $\(DatasetFolder.environmentVariable), else \
            \(DatasetFolder.debianFashionMNIST) (`sudo apt-get install dataset-fashion-mnist`). \
            Prints one line per epoch (loss, training and test accuracy, seconds) and a progress bar on \
            a terminal. Ctrl-C stops after the current batch; --save files are replaced atomically after \
            every epoch. A non-finite loss stops the run with an error, and the --save file keeps the last \
            finished epoch. With --load and --epochs 0 it only evaluates.

            --model cnn trains source 004's SimpleCNN (conv 1→32 3×3, ReLU, max-pool 2, conv 32→64 \
            3×3, ReLU, max-pool 2, linear 1600→128, ReLU, linear 128→10) on 28×28 images, with source \
            004's defaults: adam, learning rate 0.001, batch 64, and 10 epochs. --layers and --dropout \
            do not apply to it, and its activation is relu. Without --model, --load trains the model \
            its file holds.
            """)

    @Option(help: "The network: mlp (default, or the --load file's) or cnn (source 004's SimpleCNN, 28×28 images).")
    var model: ModelKind?

    @Option(help: "Layer widths of the MLP, input first and classes last (default: <pixels>,256,128,<classes>).")
    var layers: String?

    @Option(help: "Hidden activation (default: relu, or the --load file's).")
    var activation: Activation?

    @Option(help: "The update rule (default: sgd for the mlp, adam for the cnn).")
    var optimizer: OptimizerKind?

    @Option(name: [.customLong("learning-rate"), .customLong("lr")],
            help: "Learning rate (default: 0.1 for sgd, 0.01 for momentum, 0.001 for adam and adamw).")
    var learningRate: Double?

    @Option(help: "Momentum μ for --optimizer momentum, in [0, 1).")
    var momentum: Double = 0.9

    @Option(name: .customLong("weight-decay"), help: "Decoupled weight decay λ for --optimizer adamw.")
    var weightDecay: Double = 0.01

    @Option(name: .customLong("batch-size"), help: "Examples per mini-batch (1 to \(TrainingLimits.maximumBatchSize)).")
    var batchSize: Int = 64

    @Option(help: "Dropout probability p after every hidden layer of the MLP in training, in [0, 1) (source 004 uses 0.3).")
    var dropout: Double = 0

    @Option(help: "Hold out the last N training examples as a validation set, evaluated after every epoch.")
    var validation: Int?

    @Option(help: "Stop when the validation loss has not improved for this many epochs (needs --validation); --save then keeps the best epoch.")
    var patience: Int?

    @Option(help: "Epochs to train (default: 20 for the mlp, 10 for the cnn; 0 with --load: evaluate only).")
    var epochs: Int?

    /// `--optimizer`, else source 004's Adam for the CNN and the sources' SGD for the MLP.
    func resolvedOptimizer(model: ModelKind) -> OptimizerKind {
        optimizer ?? (model == .cnn ? TrainingConfiguration.cnnOptimizer.kind : .sgd)
    }

    /// `--epochs`, else 10 for the CNN (it reaches source 004's accuracy in fewer epochs) and 20 for the MLP.
    func resolvedEpochs(model: ModelKind) -> Int { epochs ?? (model == .cnn ? 10 : 20) }

    @Option(help: "Seed of weight initialisation and shuffling.")
    var seed: UInt64 = 42

    @Option(help: "Arithmetic and weights.")
    var precision: Precision = .float

    @Option(help: "Train on the first N training examples only.")
    var limit: Int?

    @Option(help: "Folder with the IDX files (default: $\(DatasetFolder.environmentVariable) or \(DatasetFolder.debianFashionMNIST)).")
    var data: String?

    @Option(help: "Threads to train on (default: one per core; at most \(TrainingLimits.threadsPerCore) per core and \(TrainingLimits.maximumThreads) in all).")
    var threads: Int?

    @Option(help: "How threads share the work: team (each step split between threads, BLAS single-threaded) or blas (OpenBLAS threads each product).")
    var parallelism: Parallelism = .team

    @Option(help: "Write the loss and accuracy curves to this SVG file.")
    var chart: String?

    @Option(help: "Save the weights to this file after every epoch (atomically).")
    var save: String?

    @Option(help: "Start from the weights in this file (resume, or evaluate with --epochs 0).")
    var load: String?

    /// Checks every flag against `TrainingLimits` before anything is read; the checks that need
    /// the data or the loaded file run in `train()`, with the same usage errors.
    func validate() throws {
        do {
            if let learningRate { try TrainingLimits.checkLearningRate(learningRate) }
            try TrainingLimits.checkMomentum(momentum)
            try TrainingLimits.checkWeightDecay(weightDecay)
            try TrainingLimits.checkBatchSize(batchSize)
            if let epochs { try TrainingLimits.checkEpochs(epochs) }
            if let limit { try TrainingLimits.checkLimit(limit) }
            if let threads { try TrainingLimits.checkThreads(threads) }
            try TrainingLimits.checkDropout(dropout)
        } catch {
            throw Self.usageError(error)
        }
        if let validation, validation <= 0 { throw ValidationError("--validation must be a positive number of examples, got \(validation)") }
        if let patience {
            guard validation != nil else { throw ValidationError("--patience needs --validation: early stopping watches the validation loss") }
            guard patience > 0 else { throw ValidationError("--patience must be a positive number of epochs, got \(patience)") }
        }
        if epochs == 0 && load == nil { throw ValidationError("--epochs 0 only makes sense with --load (evaluate saved weights)") }
        if model == .cnn {
            if layers != nil { throw ValidationError("--layers does not apply to --model cnn: its layers are source 004's SimpleCNN") }
            if dropout != 0 { throw ValidationError("--dropout does not apply to --model cnn: source 004's SimpleCNN has no dropout layer") }
            if let activation, activation != .relu {
                throw ValidationError("--activation \(activation.trainingName) does not apply to --model cnn: source 004's SimpleCNN uses relu")
            }
        }
        if let layers {
            guard let widths = NetworkShape.parseLayers(layers) else {
                throw ValidationError("--layers must be at least two positive widths separated by commas, e.g. 784,256,128,10; got '\(layers)'")
            }
            do { try TrainingLimits.checkLayers(widths) } catch { throw Self.usageError(error) }
        }
    }

    /// The usage error for `error`, naming the flag that sets its setting.
    static func usageError(_ error: TrainingSettingError) -> ValidationError {
        ValidationError("\(flag(for: error.setting)) \(error.problem)")
    }

    /// The flag that sets `setting`.
    static func flag(for setting: TrainingSettingError.Setting) -> String {
        switch setting {
        case .learningRate: "--learning-rate"
        case .momentum: "--momentum"
        case .weightDecay: "--weight-decay"
        case .batchSize: "--batch-size"
        case .threads: "--threads"
        case .epochs: "--epochs"
        case .limit: "--limit"
        case .layers: "--layers"
        case .dropout: "--dropout"
        case .activation: "--activation"
        }
    }

    /// What `train` says when epoch `epoch` (counting loaded epochs) diverged at batch `batch`,
    /// and what became of the weights: `save` holds `savedEpoch` epochs of this run (or of the
    /// file it resumed), or nothing of this run, in which case it was left as it was when it
    /// `saveExisted`.
    static func divergenceMessage(epoch: Int, batch: Int, save: String?, savedEpoch: Int?, saveExisted: Bool) -> String {
        let weights: String
        switch (save, savedEpoch) {
        case let (save?, savedEpoch?): weights = "\(save) keeps epoch \(savedEpoch)"
        case let (save?, nil): weights = saveExisted ? "\(save) was left as it was" : "nothing was saved to \(save)"
        case (nil, _): weights = "no weights were saved (no --save)"
        }
        return "diverged at epoch \(epoch), batch \(batch); \(weights). The loss became NaN or infinite: try a smaller --learning-rate."
    }

    func run() throws {
        do {
            try train()
        } catch let error as IDXError {
            throw fail(error.description)
        } catch let error as WeightsFileError {
            throw fail(error.description)
        } catch let error as NetworkShapeError {
            throw fail(error.description)
        }
    }

    private func train() throws {
        let folder = DatasetFolder.resolve(flag: data)
        let examples = try folder.trainingSet().prefix(limit)
        let test = try folder.testSet()
        guard examples.count > 0 else { throw fail("\(folder.url.path): the training set is empty") }
        if let validation, validation >= examples.count {
            throw ValidationError("--validation \(validation) leaves no training examples out of \(examples.count)")
        }
        let (training, validationSet) = validation.map { examples.splittingValidation(last: $0) }.map { ($0.training, Optional($0.validation)) }
            ?? (examples, nil)

        let loaded = try load.map { try WeightsFile(contentsOf: URL(fileURLWithPath: $0)) }
        let epochs = resolvedEpochs(model: model ?? loaded?.model ?? .mlp)
        if let loaded {
            do {
                try TrainingLimits.checkEpochs(epochs, after: loaded.epochsCompleted, countedIn: load)
            } catch {
                throw Self.usageError(error)
            }
        }
        let saveExisted = save.map { FileManager.default.fileExists(atPath: $0) } ?? false
        if let save { try WeightsFile.checkReplaceable(URL(fileURLWithPath: save)) }
        if let chart, let problem = TrainingHistory.chartTargetProblem(URL(fileURLWithPath: chart)) {
            throw fail("\(chart): \(problem)")
        }
        let shape = try NetworkShape(
            requestedModel: model, requestedLayers: layers.flatMap(NetworkShape.parseLayers), requestedActivation: activation,
            loaded: loaded, loadedPath: load, training: training, test: test, dataPath: folder.url.path)
        let sizes = shape.layerSizes
        let chosenActivation = shape.activation
        let kind = resolvedOptimizer(model: shape.model)
        let settings = OptimizerSettings(
            kind: kind, learningRate: learningRate ?? OptimizerSettings.defaultLearningRate(for: kind),
            momentum: momentum, weightDecay: weightDecay)
        let configuration = TrainingConfiguration(
            model: shape.model, layerSizes: sizes, activation: chosenActivation, optimizer: settings, batchSize: batchSize,
            seed: seed, precision: precision, threads: threads,
            parallelism: parallelism, dropout: dropout)
        do {
            try configuration.validate()
        } catch {
            throw Self.usageError(error)
        }
        let session = TrainingSession(
            configuration: configuration, training: training,
            initialParameters: loaded?.parameters, startingEpoch: loaded?.epochsCompleted ?? 0)

        let network = shape.model == .cnn
            ? "the CNN (source 004's SimpleCNN, \(WeightsFile.parameterCount(model: .cnn, layerSizes: sizes)) parameters)"
            : "\(sizes.map(String.init).joined(separator: "-")) \(chosenActivation.trainingName)"
        print("training \(network) on \(training.count) examples of \(folder.url.path)"
            + " (\(test.count) test); \(kind.rawValue) lr \(settings.learningRate), batch \(batchSize), \(configuration.precision), seed \(seed), \(configuration.resolvedThreads) threads (\(configuration.parallelism.rawValue))"
            + (dropout > 0 ? ", dropout \(dropout)" : "") + (validationSet.map { ", \($0.count) held out for validation" } ?? ""))
        if let loaded, let load {
            let start = session.evaluate(test)
            print("loaded \(load): \(loaded.epochsCompleted) epochs, test loss \(format(start.meanLoss)), test accuracy \(format(start.accuracy))")
        }
        guard epochs > 0 else { return }

        let interrupt = InterruptSignal()
        interrupt.install()
        defer { interrupt.uninstall() }
        let progress = ProgressBar(epochs: epochs, batchesPerEpoch: session.batchesPerEpoch, batchSize: batchSize)
        var history = TrainingHistory()
        var stopping = patience.map { EarlyStopping(patience: $0, minDelta: 0) }
        // The epochs the --save file holds of this run, or of the file it resumes in place.
        var savedEpoch = save.flatMap { save in
            load.flatMap { Self.sameFile($0, save) ? loaded?.epochsCompleted : nil }
        }
        for epoch in 1...epochs {
            progress.startEpoch(epoch)
            let started = ContinuousClock.now
            let result = session.trainEpoch(
                shouldStop: { interrupt.isRaised },
                onBatch: { progress.update(batchesDone: $0) })
            progress.finishEpoch(batchesDone: result.batches)
            if result.diverged {
                try writeChart(history)
                throw fail(Self.divergenceMessage(
                    epoch: session.epochsCompleted + 1, batch: result.batches, save: save, savedEpoch: savedEpoch,
                    saveExisted: saveExisted))
            }
            guard result.completed else {
                let kept = save.map { " \($0) keeps the weights of the last finished epoch." } ?? ""
                print("interrupted after \(result.batches) of \(session.batchesPerEpoch) batches of epoch \(epoch).\(kept)")
                try writeChart(history)
                throw ExitCode(130)
            }
            let evaluation = session.evaluate(test)
            let validated = validationSet.map { session.evaluate($0) }
            let seconds = (ContinuousClock.now - started).seconds
            history.record(epoch: session.epochsCompleted, training: result.tally, test: evaluation)
            print("epoch \(pad(epoch, epochs))/\(epochs)  loss \(format(result.tally.meanLoss))  train acc \(format(result.tally.accuracy))"
                + (validated.map { "  val loss \(format($0.meanLoss))  val acc \(format($0.accuracy))" } ?? "")
                + "  test loss \(format(evaluation.meanLoss))  test acc \(format(evaluation.accuracy))"
                + "  \(String(format: "%.2f", seconds)) s (\(String(format: "%.2f", result.seconds)) s training"
                + (shape.model == .cnn
                    ? String(format: ", %.1f GFLOP/s, %.1f per thread)", result.gigaflopsPerSecond,
                             result.gigaflopsPerSecond / Double(configuration.resolvedThreads))
                    : ")"))
            fflush(nil)
            let stop = validated.flatMap { tally in stopping.map { _ in stopping!.shouldStop(validationLoss: tally.meanLoss) } } ?? false
            if let save, stopping?.lastEpochImproved ?? true {
                try session.weights().write(to: URL(fileURLWithPath: save))
                savedEpoch = session.epochsCompleted
            }
            try writeChart(history)
            if interrupt.isRaised {
                print("interrupted after epoch \(epoch).")
                throw ExitCode(130)
            }
            if stop, let stopping, let best = stopping.bestEpoch {
                let kept = save.map { "; \($0) keeps epoch \(epoch - stopping.epochsWithoutImprovement)" } ?? ""
                print("stopped early after epoch \(epoch): the validation loss has not improved for \(stopping.patience) epochs"
                    + " (best \(format(stopping.bestLoss)) after epoch \(best + 1) of this run\(kept))")
                break
            }
        }
        if let save { print("saved the weights to \(save)") }
        if let chart { print("wrote the curves to \(chart)") }
    }

    /// Whether two paths name the same file (after resolving `.`, `..` and symbolic links).
    private static func sameFile(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).resolvingSymlinksInPath().path == URL(fileURLWithPath: b).resolvingSymlinksInPath().path
    }

    private func writeChart(_ history: TrainingHistory) throws {
        guard let chart, !history.isEmpty else { return }
        do {
            try Data(history.svg().utf8).write(to: URL(fileURLWithPath: chart), options: .atomic)
        } catch {
            throw fail("\(chart): cannot write the chart: \(error.localizedDescription)")
        }
    }

    private func fail(_ message: String) -> ExitCode {
        // Standard output is buffered in a pipe: its lines go first, so the error comes last.
        fflush(nil)
        FileHandle.standardError.write(Data("workbook train: \(message)\n".utf8))
        return ExitCode.failure
    }

    private func format(_ value: Double) -> String { String(format: "%.4f", value) }

    private func pad(_ value: Int, _ widest: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, String(widest).count - text.count)) + text
    }
}
