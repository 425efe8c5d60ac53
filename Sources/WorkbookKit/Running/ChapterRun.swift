import Foundation

/// What happened when a chapter's program ran: the values its checks computed, what each snippet
/// printed, and how the process ended.
public struct ChapterRun: Sendable {
    /// How the chapter's process ended.
    public enum Ending: Sendable, Equatable {
        /// The program reached its end.
        case finished
        /// The program exited early with this status (a snippet called `exit`).
        case exited(Int32)
        /// A signal killed it (a trap, `fatalError`, a failed precondition).
        case crashed(signal: Int32)
        /// The time limit, in seconds, ran out.
        case timedOut(Double)
    }

    /// What a check's expression produced.
    public enum Evaluation: Sendable, Equatable {
        /// The value.
        case value(ComputedValue)
        /// The error it threw.
        case thrown(String)
    }

    /// The evaluation of each check that ran, by check index.
    public var evaluations: [Int: Evaluation] = [:]
    /// Seconds each evaluated check's expression took, by check index.
    public var checkSeconds: [Int: Double] = [:]
    /// What was printed between the start of the snippet before each output block and the block,
    /// by output index.
    public var outputs: [Int: String] = [:]
    /// The figures the snippets showed, in order.
    public var figures: [Figure] = []
    /// The last place the program had reached: a snippet or a check.
    public var lastReached: Place?
    /// How the process ended.
    public var ending: Ending = .finished
    /// The process's standard error (a crash's message is in it).
    public var standardError: String = ""

    /// A place in the program that reports its start.
    public enum Place: Sendable, Equatable {
        case snippet(Int)
        case check(Int)
        case output(Int)
    }

    /// Reads the records written by `WorkbookRuntime.Session` and cuts `standardOutput` (all that the
    /// program printed) into each output block's part.
    mutating func read(records: String, standardOutput: Data) {
        var snippetStart = 0
        var reachedEnd = false
        for line in records.split(separator: "\n") {
            guard let data = line.data(using: .utf8),
                let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
            else { continue }
            let id = object["id"] as? Int ?? -1
            let offset = min(max(0, object["stdout"] as? Int ?? 0), standardOutput.count)
            if let kind = object["begin"] as? String {
                switch kind {
                case "snippet":
                    lastReached = .snippet(id)
                    snippetStart = offset
                case "check":
                    lastReached = .check(id)
                case "output":
                    lastReached = .output(id)
                    let start = min(snippetStart, offset)
                    outputs[id] = String(decoding: standardOutput[start..<offset], as: UTF8.self)
                default:
                    break
                }
            } else if let value = object["value"] {
                if let decoded = ComputedValue(json: value) { evaluations[id] = .value(decoded) }
                checkSeconds[id] = object["seconds"] as? Double
            } else if let thrown = object["thrown"] as? String {
                evaluations[id] = .thrown(thrown)
            } else if let svg = object["figure"] as? String {
                figures.append(Figure(snippetIndex: object["snippet"] as? Int ?? -1, svg: svg))
            } else if object["end"] != nil {
                reachedEnd = true
            }
        }
        if !reachedEnd, ending == .finished {
            ending = .exited(0)
        }
    }
}
