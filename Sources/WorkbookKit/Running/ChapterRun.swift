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
        /// It printed more than this many bytes and was stopped; what it printed up to there is kept.
        case outputCut(Int)
        /// Its results file broke the protocol (a record without the run's key, twice, out of order
        /// or after the end): snippet code wrote it, and no value of the run is trusted.
        case rejected(String)
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
    /// The line of the chapter, or of an attempt, where a fatal error stopped the program, when the
    /// runtime's stack trace names one (`CrashLocator`).
    public var crashLocation: SourceLocation?

    /// A place in the program that reports its start.
    public enum Place: Sendable, Equatable {
        case snippet(Int)
        case check(Int)
        case output(Int)
    }

    /// Reads the records written by `WorkbookRuntime.Session` and cuts `standardOutput` (all that the
    /// program printed) into each output block's part.
    ///
    /// Only the generated code holds `key`, and it makes records in one order: snippets, checks and
    /// output blocks begin in increasing index order, a check's value follows its own begin, and
    /// nothing follows the end. A record that breaks this was made by snippet code calling the
    /// recorder; then the run is `rejected` and none of its values count. When the output was cut,
    /// records made after standard output passed the limit are ignored.
    mutating func read(records: String, standardOutput: Data, key: UInt64) {
        var snippetStart = 0
        var reachedEnd = false
        var lastSnippet = -1, lastCheck = -1, lastOutput = -1
        var openCheck: Int?
        let expectedKey = String(key, radix: 16)
        func reject(_ reason: String) {
            ending = .rejected(reason)
            evaluations = [:]
            outputs = [:]
        }
        for line in records.split(separator: "\n") {
            guard let data = line.data(using: .utf8),
                let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
            else { continue }
            guard object["key"] as? String == expectedKey else {
                return reject("a record without the run's key: a snippet called the runtime's recorder (WorkbookRuntime.Session) itself")
            }
            guard !reachedEnd else { return reject("a record after the end of the program") }
            let id = object["id"] as? Int ?? -1
            // What the program did after printing past the output limit does not count, however fast it got there.
            if case .outputCut(let limit) = ending, object["stdout"] as? Int ?? 0 > limit { break }
            let offset = min(max(0, object["stdout"] as? Int ?? 0), standardOutput.count)
            if let kind = object["begin"] as? String {
                openCheck = nil
                switch kind {
                case "snippet":
                    guard id > lastSnippet else { return reject("snippet \(id) began twice or out of order") }
                    lastSnippet = id
                    lastReached = .snippet(id)
                    snippetStart = offset
                case "check":
                    guard id > lastCheck else { return reject("check \(id) began twice or out of order") }
                    lastCheck = id
                    openCheck = id
                    lastReached = .check(id)
                case "output":
                    guard id > lastOutput else { return reject("output block \(id) began twice or out of order") }
                    lastOutput = id
                    lastReached = .output(id)
                    let start = min(snippetStart, offset)
                    outputs[id] = String(decoding: standardOutput[start..<offset], as: UTF8.self)
                default:
                    break
                }
            } else if object["value"] != nil || object["thrown"] != nil {
                guard openCheck == id else { return reject("a value for check \(id), which was not being evaluated") }
                openCheck = nil
                if let value = object["value"] {
                    if let decoded = ComputedValue(json: value) { evaluations[id] = .value(decoded) }
                    checkSeconds[id] = object["seconds"] as? Double
                } else if let thrown = object["thrown"] as? String {
                    evaluations[id] = .thrown(thrown)
                }
            } else if let svg = object["figure"] as? String {
                figures.append(Figure(snippetIndex: object["snippet"] as? Int ?? -1, svg: svg))
            } else if let json = object["explorable"] as? String {
                // Charts writes the JSON; a payload that does not decode is not an explorable and is dropped.
                if let explorable = ExplorableFigure(json: json) {
                    figures.append(Figure(snippetIndex: object["snippet"] as? Int ?? -1, explorable: explorable))
                }
            } else if object["end"] != nil {
                reachedEnd = true
            }
        }
        if !reachedEnd, ending == .finished {
            ending = .exited(0)
        }
    }
}
