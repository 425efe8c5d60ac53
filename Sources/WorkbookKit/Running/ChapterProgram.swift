/// The Swift program generated for one chapter: its snippets in order, in one top-level scope, with
/// markers and checks that report to the runner through `WorkbookRuntime.Session`.
public struct ChapterProgram: Sendable, Equatable {
    /// The text of `main.swift`.
    public var source: String
    /// The chapter it was generated from.
    public var chapter: Chapter

    /// What precedes a check's expression on its generated line; compiler columns on a check's line
    /// are shifted by its length.
    static func checkPrefix(_ index: Int) -> String {
        "WorkbookRuntime.Session.check(\(index)) { "
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

    /// The program that checks `replacement` as the answer to `exercise`: the chapter up to the end
    /// of the exercise's section, with the solution replaced and the starter left out.
    public init(chapter: Chapter, exercise: Exercise, replacement: Replacement) {
        let blocks = chapter.blocks[..<exercise.blockRange.upperBound].filter { block in
            if case .snippet(let snippet) = block { return snippet.index != exercise.starterSnippet }
            return true
        }
        self.init(chapter: chapter, blocks: blocks[...], replacing: (exercise.solutionSnippet ?? -1, replacement))
    }

    private init(chapter: Chapter, blocks: ArraySlice<ChapterBlock>, replacing: (snippet: Int, with: Replacement)?) {
        self.chapter = chapter
        let file = Self.stringLiteral(chapter.path)
        var source = "import Foundation\nimport Neural\nimport Charts\nimport WorkbookRuntime\n"
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
                    source += "WorkbookRuntime.Session.beginSnippet(\(snippet.index))\n"
                    source += "#sourceLocation(file: \(snippetFile), line: \(snippet.firstCodeLine))\n\(code)#sourceLocation()\n"
                } else {
                    source += "func __workbookCompiledOnly\(snippet.index)() throws {\n"
                    source += "#sourceLocation(file: \(file), line: \(snippet.firstCodeLine))\n\(code)#sourceLocation()\n}\n"
                }
            case .expectations(let block):
                for check in block.checks where !check.isSkipped {
                    source += "#sourceLocation(file: \(file), line: \(check.line))\n"
                    source += Self.checkPrefix(check.index) + check.expression + "\n}\n#sourceLocation()\n"
                }
            case .output(let output):
                source += "WorkbookRuntime.Session.markOutput(\(output.index))\n"
            case .prose, .math:
                break
            }
        }
        source += "WorkbookRuntime.Session.finish()\n"
        self.source = source
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
