// The Swift side of the training benchmark: trains the sources' network ([784, 256, 128, 10],
// ReLU, SGD η = 0.1, batch 64) for a few epochs and prints seconds per epoch, the final test
// accuracy and the peak resident memory in one `RESULT` line that Benchmarks/compare.py parses.
//
//   training-benchmark [--precision float|double] [--epochs N] [--threads N] [--parallelism team|blas]
//                      [--data FOLDER] [--seed N]
import Foundation
import NeuralTraining

var options: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let flag = arguments.next() {
    guard flag.hasPrefix("--"), let value = arguments.next() else {
        FileHandle.standardError.write(Data("usage: training-benchmark [--precision float|double] [--epochs N] [--threads N] [--parallelism team|blas] [--data FOLDER] [--seed N]\n".utf8))
        exit(2)
    }
    options[String(flag.dropFirst(2))] = value
}
let precision = Precision(rawValue: options["precision"] ?? "double") ?? .double
let epochs = Int(options["epochs"] ?? "3") ?? 3
let threads = options["threads"].flatMap(Int.init)
let seed = UInt64(options["seed"] ?? "42") ?? 42
let parallelism = Parallelism(rawValue: options["parallelism"] ?? "team") ?? .team

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

let configuration = TrainingConfiguration(seed: seed, precision: precision, threads: threads, parallelism: parallelism)
let session = TrainingSession(configuration: configuration, training: training)
var seconds: [Double] = []
for epoch in 1...epochs {
    let result = session.trainEpoch()
    seconds.append(result.seconds)
    print("swift \(precision) epoch \(epoch): \(String(format: "%.3f", result.seconds)) s, loss \(String(format: "%.4f", result.tally.meanLoss))")
}
let accuracy = session.evaluate(test).accuracy
var usage = rusage()
getrusage(0, &usage)  // RUSAGE_SELF
let sorted = seconds.sorted()
let median = sorted[sorted.count / 2]
let list = seconds.map { String(format: "%.4f", $0) }.joined(separator: ",")
print("RESULT impl=swift precision=\(precision) threads=\(configuration.resolvedThreads) parallelism=\(parallelism.rawValue) blas_threads=\(BLAS.threadCount) epochs=\(list) median=\(String(format: "%.4f", median)) test_accuracy=\(String(format: "%.4f", accuracy)) maxrss_kb=\(usage.ru_maxrss)")
