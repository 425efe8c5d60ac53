import Foundation

/// Turns a chapter's Markdown into a `Chapter`: cmark parses it, then the workbook's blocks
/// (snippets, checks, outputs, math, exercises) are picked out with their lines.
public struct ChapterParser: Sendable {
    /// A parser.
    public init() {}

    /// Reads and parses the chapter at `url`, shown in messages as `displayPath`.
    public func parse(contentsOf url: URL, displayPath: String) throws -> Chapter {
        try parse(try Self.readText(of: url, displayPath: displayPath), path: displayPath)
    }

    /// The text of the chapter at `url`, or a `ChapterProblems` naming the line that is not UTF-8.
    public static func readText(of url: URL, displayPath: String) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ChapterProblems(errors: [
                WorkbookError("cannot read the file: \(error.localizedDescription)", at: SourceLocation(file: displayPath, line: 1))
            ])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let line = lineOfFirstInvalidUTF8(in: data)
            throw ChapterProblems(errors: [
                WorkbookError("the file is not valid UTF-8", at: SourceLocation(file: displayPath, line: line))
            ])
        }
        return text
    }

    /// Parses chapter text; `path` names the chapter in messages.
    public func parse(_ text: String, path: String) throws -> Chapter {
        var builder = ChapterBuilder(path: path, text: text)
        builder.build(from: Cmark.parse(text))
        if builder.errors.isEmpty {
            return builder.chapter
        }
        throw ChapterProblems(errors: builder.errors.sorted { ($0.location?.line ?? 0) < ($1.location?.line ?? 0) })
    }

    /// The number a chapter's file name starts with: `03-backprop.md` is 3.
    public static func chapterNumber(fileName: String) -> Int? {
        let digits = fileName.prefix(while: { $0.isASCII && $0.isNumber })
        return digits.isEmpty ? nil : Int(digits)
    }

    static func lineOfFirstInvalidUTF8(in data: Data) -> Int {
        var line = 1
        var index = data.startIndex
        while index < data.endIndex {
            let end = data[index...].firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex
            if String(data: data[index..<end], encoding: .utf8) == nil { return line }
            line += 1
            index = end < data.endIndex ? data.index(after: end) : end
        }
        return line
    }
}

/// The state of one parse: the chapter so far, the open exercise, and the problems found.
private struct ChapterBuilder {
    var chapter: Chapter
    var errors: [WorkbookError] = []
    let lines: [Substring]
    var openExercise: (exercise: Exercise, level: Int)?
    // Running counts: asking `chapter` would walk every block each time, quadratic in a long chapter.
    var snippetCount = 0
    var checkCount = 0
    var outputCount = 0
    var lastSnippet: Snippet?
    /// The line of a `measured` directive still waiting for the block it marks.
    var pendingMeasuredLine: Int?

    init(path: String, text: String) {
        let fileName = (path as NSString).lastPathComponent
        chapter = Chapter(
            path: path, title: "", number: ChapterParser.chapterNumber(fileName: fileName), blocks: [],
            exercises: [], timeout: nil)
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    mutating func build(from document: MarkdownNode) {
        for node in document.children {
            add(node)
        }
        if let line = Self.firstTruncatedLine(in: document) {
            fail("Markdown nested this deep (lists or quotes inside each other) is not supported", line: line)
        }
        if let line = pendingMeasuredLine {
            fail("`measured` marks the paragraph, list or table after it, and nothing follows", line: line)
        }
        closeExercise()
        if chapter.title.isEmpty {
            fail("a chapter needs a level-1 heading (`# Title`) for its title", line: 1)
        }
    }

    private mutating func add(_ node: MarkdownNode) {
        if let line = pendingMeasuredLine, node.kind != .htmlBlock {
            pendingMeasuredLine = nil
            if node.kind == .paragraph || node.kind == .list {
                chapter.measuredBlocks.insert(chapter.blocks.count)
            } else {
                fail("`measured` marks the paragraph, list or table right after it, not a \(Self.describe(node))", line: line)
            }
        }
        if let open = openExercise, open.exercise.starterSnippet == nil, open.exercise.solutionSnippet == nil,
            open.exercise.hints.isEmpty, node.kind == .paragraph || node.kind == .list {
            let task = sourceText(of: node)
            openExercise?.exercise.task.append(task)
        }
        switch node.kind {
        case .codeBlock where isFenced(node):
            addFencedBlock(node)
        case .heading:
            addHeading(node)
        case .htmlBlock:
            addDirective(node)
        case .list, .blockQuote:
            rejectNestedWorkbookBlocks(in: node)
            if node.kind == .blockQuote, openExercise != nil, node.plainText.trimmed.hasPrefix("Hint") {
                let hint = sourceText(of: node)
                openExercise?.exercise.hints.append(hint)
            }
            chapter.blocks.append(.prose(node.convertingInlineMath()))
        default:
            chapter.blocks.append(.prose(node.convertingInlineMath()))
        }
    }

    private mutating func addHeading(_ node: MarkdownNode) {
        let text = node.plainText.trimmed
        if let open = openExercise, node.headingLevel <= open.level {
            closeExercise()
        }
        if node.headingLevel == 1, chapter.title.isEmpty {
            chapter.title = text
        }
        var node = node
        if text.hasPrefix("Exercise:") {
            var title = text.dropFirst("Exercise:".count).trimmed
            var name = ""
            if let (typed, rest) = Self.explicitName(in: title) {
                let written = typed.precomposedStringWithCanonicalMapping
                name = written
                title = rest
                node = Self.removingExplicitName(from: node)
                if Slug.make(written) != written {
                    fail("the exercise name `\(written)` must be lower-case letters and digits joined by `-`, like `\(Slug.make(written))`", line: node.startLine)
                }
            }
            if title.isEmpty {
                fail("an exercise heading needs a title after `Exercise:`", line: node.startLine)
            } else if name.isEmpty {
                fail("an exercise heading needs its name, which readers type and which stays when the title changes: `Exercise: \(title) {#\(Slug.make(title))}`", line: node.startLine)
            } else if chapter.exercises.contains(where: { $0.name == name }) {
                fail("there is already an exercise named `\(name)` in this chapter", line: node.startLine)
            }
            let start = chapter.blocks.count
            openExercise = (
                Exercise(
                    name: name, title: title, line: node.startLine, hints: [], starterSnippet: nil, solutionSnippet: nil,
                    checkIndices: [], blockRange: start..<start),
                node.headingLevel
            )
        }
        chapter.blocks.append(.prose(node.convertingInlineMath()))
    }

    private mutating func addFencedBlock(_ node: MarkdownNode) {
        let fenceLine = node.startLine
        guard isClosed(node) else {
            fail("this code block is never closed: add a closing fence", line: fenceLine)
            return
        }
        let words = (node.fenceInfo ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        let language = words.first ?? ""
        let attributes = Array(words.dropFirst())
        let content = node.literal ?? ""
        switch language {
        case "swift":
            addSnippet(content, attributes: attributes, fenceLine: fenceLine)
        case "expect":
            let skipped = attributes == ["skip"]
            if !attributes.isEmpty, !skipped {
                fail("unknown attribute `\(attributes.first { $0 != "skip" } ?? "")` on an expect block (known: skip)", line: fenceLine)
            }
            addExpectations(content, fenceLine: fenceLine, skipped: skipped)
        case "output":
            if let unknown = attributes.first {
                fail("unknown attribute `\(unknown)` on an output block (it takes none)", line: fenceLine)
            }
            addOutput(content, fenceLine: fenceLine)
        case "math":
            if let unknown = attributes.first {
                fail("unknown attribute `\(unknown)` on a math block (it takes none)", line: fenceLine)
            }
            chapter.blocks.append(.math(tex: content, line: fenceLine))
        default:
            chapter.blocks.append(.prose(node))
        }
    }

    private mutating func addSnippet(_ code: String, attributes words: [String], fenceLine: Int) {
        var attributes = Set<Snippet.Attribute>()
        for word in words {
            guard let attribute = Snippet.Attribute(rawValue: word) else {
                let known = Snippet.Attribute.allCases.map(\.rawValue).joined(separator: ", ")
                fail("unknown attribute `\(word)` on a swift block (known: \(known))", line: fenceLine)
                continue
            }
            attributes.insert(attribute)
        }
        let roles = attributes.intersection([.starter, .solution, .hidden, .norun])
        if attributes.contains(.starter) || attributes.contains(.solution), roles.count > 1 {
            fail("`starter` and `solution` cannot be combined with other attributes", line: fenceLine)
        }
        let snippet = Snippet(
            index: snippetCount, fenceLine: fenceLine, firstCodeLine: fenceLine + 1, code: code,
            attributes: attributes)
        if attributes.contains(.starter) || attributes.contains(.solution) {
            guard var open = openExercise else {
                fail("a `\(attributes.contains(.starter) ? "starter" : "solution")` snippet belongs in an `Exercise:` section", line: fenceLine)
                return
            }
            if attributes.contains(.starter) {
                if open.exercise.starterSnippet != nil { fail("this exercise already has a starter snippet", line: fenceLine) }
                open.exercise.starterSnippet = snippet.index
            } else {
                if open.exercise.solutionSnippet != nil { fail("this exercise already has a solution snippet", line: fenceLine) }
                open.exercise.solutionSnippet = snippet.index
            }
            openExercise = open
        }
        snippetCount += 1
        lastSnippet = snippet
        chapter.blocks.append(.snippet(snippet))
    }

    private mutating func addExpectations(_ content: String, fenceLine: Int, skipped: Bool) {
        let parser = ExpectationParser(file: chapter.path)
        var checks: [Check] = []
        var index = checkCount
        for (offset, line) in content.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            do {
                let parsed = try parser.parse(String(line), firstLine: fenceLine + 1 + offset, firstIndex: index, skipped: skipped)
                checks += parsed
                index += parsed.count
            } catch let error as WorkbookError {
                errors.append(error)
            } catch {
                fail("\(error)", line: fenceLine + 1 + offset)
            }
        }
        checkCount = index
        if checks.isEmpty, errors.isEmpty {
            fail("this expect block has no checks", line: fenceLine)
        }
        if var open = openExercise, open.exercise.solutionSnippet != nil {
            open.exercise.checkIndices += checks.map(\.index)
            openExercise = open
        }
        chapter.blocks.append(.expectations(ExpectBlock(fenceLine: fenceLine, checks: checks)))
    }

    private mutating func addOutput(_ content: String, fenceLine: Int) {
        guard let snippet = lastSnippet else {
            fail("an output block must follow a swift snippet, whose output it checks", line: fenceLine)
            return
        }
        guard snippet.runs else {
            fail("the snippet before this output block does not run (it is `norun` or a `starter`), so it prints nothing", line: fenceLine)
            return
        }
        let output = OutputBlock(
            index: outputCount, fenceLine: fenceLine, expectedText: content, snippetIndex: snippet.index)
        outputCount += 1
        chapter.blocks.append(.output(output))
    }

    private mutating func addDirective(_ node: MarkdownNode) {
        let html = (node.literal ?? "").trimmed
        let prefix = "<!-- workbook:"
        guard html.hasPrefix(prefix), html.hasSuffix("-->") else {
            chapter.blocks.append(.prose(node))
            return
        }
        let body = html.dropFirst(prefix.count).dropLast(3).trimmed
        let words = body.split(whereSeparator: \.isWhitespace)
        if words.count == 2, words[0] == "timeout", let seconds = Double(words[1]), Verifier.timeoutProblem(seconds) == nil {
            chapter.timeout = seconds
        } else if words == ["measured"] {
            if pendingMeasuredLine != nil {
                fail("`measured` follows another `measured` with nothing between them", line: node.startLine)
            }
            pendingMeasuredLine = node.startLine
        } else {
            if words.first == "timeout" {
                fail("`\(body)`: the time limit must be a number of seconds above 0 and at most 86400", line: node.startLine)
            } else {
                fail("unknown workbook directive `\(body)` (known: `timeout SECONDS`, `measured`)", line: node.startLine)
            }
        }
    }

    /// What a block is called in messages.
    static func describe(_ node: MarkdownNode) -> String {
        switch node.kind {
        case .heading: return "heading"
        case .blockQuote: return "quote"
        case .codeBlock: return "code block"
        case .thematicBreak: return "rule"
        default: return node.kind.rawValue
        }
    }

    private mutating func rejectNestedWorkbookBlocks(in node: MarkdownNode) {
        for child in node.children {
            if child.kind == .codeBlock, isFenced(child) {
                let language = (child.fenceInfo ?? "").split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
                if ["swift", "expect", "output", "math"].contains(language) {
                    fail("a `\(language)` block must stand at the top level of the chapter, not inside a list or quote", line: child.startLine)
                }
            } else {
                rejectNestedWorkbookBlocks(in: child)
            }
        }
    }

    /// `Title {#name}` → (`name`, `Title`); nil when the heading ends without `{#…}`.
    static func explicitName(in title: String) -> (name: String, title: String)? {
        guard title.hasSuffix("}"), let open = title.range(of: "{#", options: .backwards) else { return nil }
        let name = title[open.upperBound..<title.index(before: title.endIndex)]
        return (String(name), title[..<open.lowerBound].trimmed)
    }

    /// The heading without its trailing `{#name}`, so pages show the title alone.
    static func removingExplicitName(from heading: MarkdownNode) -> MarkdownNode {
        var heading = heading
        guard var last = heading.children.last, last.kind == .text, let text = last.literal,
            let open = text.range(of: "{#", options: .backwards)
        else { return heading }
        last.literal = String(text[..<open.lowerBound]).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        heading.children[heading.children.count - 1] = last
        return heading
    }

    private mutating func closeExercise() {
        guard var (exercise, _) = openExercise else { return }
        openExercise = nil
        exercise.blockRange = exercise.blockRange.lowerBound..<chapter.blocks.count
        let line = exercise.line
        if exercise.starterSnippet == nil { fail("exercise `\(exercise.name)` has no ```swift starter``` snippet", line: line) }
        if exercise.solutionSnippet == nil { fail("exercise `\(exercise.name)` has no ```swift solution``` snippet", line: line) }
        if exercise.hints.isEmpty { fail("exercise `\(exercise.name)` has no hint (a quote starting with `Hint`)", line: line) }
        if exercise.solutionSnippet != nil, exercise.checkIndices.isEmpty {
            fail("exercise `\(exercise.name)` has no expect block after its solution", line: line)
        }
        chapter.exercises.append(exercise)
    }

    private mutating func fail(_ message: String, line: Int) {
        errors.append(WorkbookError(message, at: chapter.location(line: line)))
    }

    private func isFenced(_ node: MarkdownNode) -> Bool {
        fence(at: node.startLine) != nil
    }

    /// The fence character and length that open a fenced block on `line`, if any.
    private func fence(at line: Int) -> (Character, Int)? {
        guard line >= 1, line <= lines.count else { return nil }
        let text = lines[line - 1].drop(while: { $0 == " " || $0 == ">" || $0 == "\t" })
        guard let first = text.first, first == "`" || first == "~" else { return nil }
        let count = text.prefix(while: { $0 == first }).count
        return count >= 3 ? (first, count) : nil
    }

    /// Whether a fenced block's last line is a closing fence (cmark runs an unclosed block to the
    /// end of its container instead).
    private func isClosed(_ node: MarkdownNode) -> Bool {
        guard let (character, length) = fence(at: node.startLine), node.endLine > node.startLine,
            node.endLine <= lines.count
        else { return false }
        let closing = lines[node.endLine - 1].drop(while: { $0 == " " || $0 == ">" || $0 == "\t" })
        let run = closing.prefix(while: { $0 == character }).count
        return run >= length && closing.dropFirst(run).allSatisfy { $0.isWhitespace }
    }

    private func sourceText(of node: MarkdownNode) -> String {
        guard node.startLine >= 1, node.endLine <= lines.count, node.startLine <= node.endLine else { return node.plainText }
        return lines[(node.startLine - 1)..<node.endLine].map { line in
            var text = line.drop(while: { $0 == " " })
            if text.hasPrefix(">") { text = text.dropFirst() }
            if text.hasPrefix(" ") { text = text.dropFirst() }
            return String(text)
        }.joined(separator: "\n")
    }

    /// The line of the first node whose children were left out for nesting too deep.
    static func firstTruncatedLine(in document: MarkdownNode) -> Int? {
        var pending = [document]
        while let node = pending.popLast() {
            if node.isTruncated { return max(1, node.startLine) }
            pending += node.children.reversed()
        }
        return nil
    }
}
