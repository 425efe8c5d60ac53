/// The Swift program generated for one chapter: its snippets in order, in one top-level scope, with
/// markers and checks that report to the runner through `WorkbookRuntime.Session`.
public struct ChapterProgram: Sendable, Equatable {
    /// The text of `main.swift`.
    public var source: String
    /// A program that is only type-checked: the same snippets and checks, in order, inside one
    /// function body, where Swift rejects a use of a local variable before its declaration (at file
    /// scope it reads zeroed memory instead). File-scope-only declarations stay outside.
    public var declarationOrderSource: String
    /// The chapter it was generated from.
    public var chapter: Chapter
    /// The files its `#sourceLocation` lines name: the chapter's, and an attempt's when it has one.
    public var sourceFiles: Set<String>
    /// The run's key: a random number written as a literal into every call to the runtime's
    /// recorder that the program generates, and nowhere else. The runner rejects records without it.
    public var key: UInt64

    /// What precedes a check's expression on its generated line; compiler columns on a check's line
    /// are shifted by its length.
    static func checkPrefix(_ index: Int, key: UInt64) -> String {
        "WorkbookRuntime.Session.check(\(index), key: \(keyLiteral(key))) { "
    }

    /// What precedes a check's expression in `declarationOrderSource`: a direct use, not a closure,
    /// since Swift does not diagnose a closure that reads a variable before its declaration.
    static let orderCheckPrefix = "_ = try await ("

    /// `key` as a fixed-width hexadecimal literal, so that every check prefix of a program has the
    /// same length for the same index.
    static func keyLiteral(_ key: UInt64) -> String {
        let digits = String(key, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Generates the program for `chapter`.
    ///
    /// Every snippet and check is preceded by `#sourceLocation`, so the compiler reports errors at
    /// the chapter's own lines. Snippets that do not run (`norun`, `starter`) are compiled inside a
    /// function of their own, whose declarations stay local to it.
    public init(chapter: Chapter) {
        self.init(chapter: chapter, blocks: chapter.blocks[...], replacing: nil)
    }

    /// Code that takes the place of an exercise's solution: the starter, or a reader's attempt.
    public struct Replacement: Sendable, Equatable {
        /// The code.
        public var code: String
        /// Where its first line is, for compiler messages.
        public var location: SourceLocation

        /// Code whose first line is at `location`.
        public init(code: String, location: SourceLocation) {
            self.code = code
            self.location = location
        }
    }

    /// The program that checks `replacement` as the answer to `exercise`: the exercise's section,
    /// with the solution replaced and the starter left out, after the running snippets before it
    /// that the section needs (`SnippetDependencies`). Checks and outputs before the section are
    /// left out, since only the exercise's checks count.
    public init(chapter: Chapter, exercise: Exercise, replacement: Replacement) {
        let section = exercise.blockRange
        var seeds = Set<String>()
        for block in chapter.blocks[section] {
            switch block {
            case .snippet(let snippet) where snippet.index == exercise.starterSnippet:
                continue
            case .snippet(let snippet):
                let code = snippet.index == exercise.solutionSnippet ? replacement.code : snippet.code
                seeds.formUnion(SnippetDependencies.words(in: code))
            case .expectations(let block):
                for check in block.checks { seeds.formUnion(SnippetDependencies.words(in: check.expression)) }
            default:
                continue
            }
        }
        let earlier: [(position: Int, code: String)] = chapter.blocks[..<section.lowerBound].enumerated().compactMap { position, block in
            if case .snippet(let snippet) = block, snippet.runs { return (position, snippet.code) }
            return nil
        }
        let needed = SnippetDependencies.needed(earlier.map(\.code), seeds: seeds)
        let kept = Set(needed.map { earlier[$0].position })
        let blocks = chapter.blocks[..<section.upperBound].enumerated().filter { position, block in
            if section.contains(position) {
                if case .snippet(let snippet) = block { return snippet.index != exercise.starterSnippet }
                return true
            }
            return kept.contains(position)
        }.map(\.element)
        self.init(chapter: chapter, blocks: blocks[...], replacing: (exercise.solutionSnippet ?? -1, replacement))
    }

    private init(chapter: Chapter, blocks: ArraySlice<ChapterBlock>, replacing: (snippet: Int, with: Replacement)?) {
        self.chapter = chapter
        sourceFiles = Set([chapter.path] + (replacing.map { [$0.with.location.file] } ?? []))
        let key = UInt64.random(in: 1...UInt64.max)
        self.key = key
        let keyText = Self.keyLiteral(key)
        let file = Self.stringLiteral(chapter.path)
        var source = "import Foundation\nimport Neural\nimport Charts\nimport WorkbookRuntime\n"
        var fileScope = source
        var body = "func __workbookDeclarationOrder() async throws {\n"
        for block in blocks {
            switch block {
            case .snippet(var snippet):
                var snippetFile = file
                if let replacing, replacing.snippet == snippet.index {
                    snippet.code = replacing.with.code
                    snippet.firstCodeLine = replacing.with.location.line
                    snippetFile = Self.stringLiteral(replacing.with.location.file)
                }
                let code = snippet.code.hasSuffix("\n") || snippet.code.isEmpty ? snippet.code : snippet.code + "\n"
                if snippet.runs {
                    source += "WorkbookRuntime.Session.beginSnippet(\(snippet.index), key: \(keyText))\n"
                    source += "#sourceLocation(file: \(snippetFile), line: \(snippet.firstCodeLine))\n\(code)#sourceLocation()\n"
                    let (regions, remainder) = FileScopeDeclarations.split(code)
                    for region in regions {
                        fileScope += "#sourceLocation(file: \(snippetFile), line: \(snippet.firstCodeLine + region.firstLine))\n\(region.text)\n#sourceLocation()\n"
                    }
                    body += "#sourceLocation(file: \(snippetFile), line: \(snippet.firstCodeLine))\n\(remainder)\n#sourceLocation()\n"
                } else {
                    source += "func __workbookCompiledOnly\(snippet.index)() throws {\n"
                    source += "#sourceLocation(file: \(file), line: \(snippet.firstCodeLine))\n\(code)#sourceLocation()\n}\n"
                }
            case .expectations(let block):
                for check in block.checks where !check.isSkipped {
                    source += "#sourceLocation(file: \(file), line: \(check.line))\n"
                    source += Self.checkPrefix(check.index, key: key) + check.expression + "\n}\n#sourceLocation()\n"
                    body += "#sourceLocation(file: \(file), line: \(check.line))\n"
                    body += Self.orderCheckPrefix + check.expression + "\n)\n#sourceLocation()\n"
                }
            case .output(let output):
                source += "WorkbookRuntime.Session.markOutput(\(output.index), key: \(keyText))\n"
            case .prose, .math:
                break
            }
        }
        source += "WorkbookRuntime.Session.finish(key: \(keyText))\n"
        self.source = source
        declarationOrderSource = fileScope + body + "}\n"
    }

    /// A Swift string literal holding `text`.
    static func stringLiteral(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}
