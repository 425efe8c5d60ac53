// The Swift side of the training benchmark: trains the sources' network ([784, 256, 128, 10],
// ReLU, SGD η = 0.1, batch 64), or with `--model cnn` source 004's SimpleCNN (Adam η = 0.001,
// batch 64), for a few epochs and prints seconds per epoch, the final test accuracy and the peak
// resident memory in one `RESULT` line that Benchmarks/compare.py parses.
//
//   training-benchmark [--model mlp|cnn] [--precision float|double] [--epochs N] [--threads N]
//                      [--parallelism team|blas] [--data FOLDER] [--seed N]
import Foundation
import NeuralTraining

BLAS.relaunchWithNativeKernelsIfNeeded()

var options: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let flag = arguments.next() {
    guard flag.hasPrefix("--"), let value = arguments.next() else {
        FileHandle.standardError.write(Data("usage: training-benchmark [--model mlp|cnn] [--precision float|double] [--epochs N] [--threads N] [--parallelism team|blas] [--data FOLDER] [--seed N]\n".utf8))
        exit(2)
    }
    options[String(flag.dropFirst(2))] = value
}
let precision = Precision(rawValue: options["precision"] ?? "double") ?? .double
guard let epochs = Int(options["epochs"] ?? "3"), epochs >= 1 else {
    FileHandle.standardError.write(Data("training-benchmark: --epochs must be a whole number of at least 1, got \(options["epochs"] ?? "")\n".utf8))
    exit(2)
}
let threads = options["threads"].flatMap(Int.init)
let seed = UInt64(options["seed"] ?? "42") ?? 42
let parallelism = Parallelism(rawValue: options["parallelism"] ?? "team") ?? .team
guard let model = ModelKind(rawValue: options["model"] ?? "mlp") else {
    FileHandle.standardError.write(Data("training-benchmark: --model must be mlp or cnn, got \(options["model"] ?? "")\n".utf8))
    exit(2)
}

let folder = DatasetFolder.resolve(flag: options["data"])
let training: LabelledImages
let test: LabelledImages
do {
    training = try folder.trainingSet()
    test = try folder.testSet()
} catch {
    FileHandle.standardError.write(Data("training-benchmark: \(error)\n".utf8))
    exit(1)
}

let configuration = model == .cnn
    ? TrainingConfiguration(
        model: .cnn, optimizer: TrainingConfiguration.cnnOptimizer, seed: seed, precision: precision, threads: threads,
        parallelism: parallelism)
    : TrainingConfiguration(seed: seed, precision: precision, threads: threads, parallelism: parallelism)
let session = TrainingSession(configuration: configuration, training: training)
var seconds: [Double] = []
var gigaflops: [Double] = []
for epoch in 1...epochs {
    let result = session.trainEpoch()
    seconds.append(result.seconds)
    gigaflops.append(result.gigaflopsPerSecond)
    print("swift \(model) \(precision) epoch \(epoch): \(String(format: "%.3f", result.seconds)) s, loss \(String(format: "%.4f", result.tally.meanLoss)), \(String(format: "%.1f", result.gigaflopsPerSecond)) GFLOP/s")
}
let accuracy = session.evaluate(test).accuracy
var usage = rusage()
getrusage(0, &usage)  // RUSAGE_SELF
let sorted = seconds.sorted()
let median = sorted[sorted.count / 2]
let list = seconds.map { String(format: "%.4f", $0) }.joined(separator: ",")
let medianGigaflops = gigaflops.sorted()[gigaflops.count / 2]
print("RESULT impl=swift model=\(model) precision=\(precision) threads=\(configuration.resolvedThreads) parallelism=\(parallelism.rawValue) blas_threads=\(BLAS.threadCount) blas_core=\(BLAS.coreName) epochs=\(list) median=\(String(format: "%.4f", median)) test_accuracy=\(String(format: "%.4f", accuracy)) maxrss_kb=\(usage.ru_maxrss) gflops=\(String(format: "%.1f", medianGigaflops))")
