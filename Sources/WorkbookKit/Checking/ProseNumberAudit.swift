/// Finds numbers in a chapter's prose that nothing checks: a sentence that says "the loss falls to
/// 0.396" promises a number as much as an `expect` block does.
///
/// A decimal written in the prose (text and inline math of paragraphs, lists, headings and tables;
/// not code) with `minimumSignificantDigits` or more significant digits must be one of:
/// - **checked**: some check of the chapter (its expected value, a range's end, or a number in its
///   expression) or some number an `output` block shows equals it when rounded to the decimals
///   written: `0.693` matches `≈ 0.6931472`; `55.6%` matches 0.556; `3.875 \cdot 10^{-7}` matches
///   `3.875e-7`; the sign is not compared, as prose says "falls by 0.25" for −0.25;
/// - **a source's number**: inside a `> Erratum:` quote, or in a sentence that names a source (the
///   word "source" or "sources");
/// - **measured**: in the block after `<!-- workbook: measured -->` (a full training run, a
///   benchmark), or equal to a number of such a block, which the site labels as measured and not
///   checked.
public enum ProseNumberAudit {
    /// Fewer significant digits than this (`0.5`, `12.5` is three) state no precise claim.
    public static let minimumSignificantDigits = 3

    /// A decimal written in prose.
    public struct StatedNumber: Sendable, Equatable {
        /// The digits as written, without a sign: `0.396`, `55.6`, `3.875`.
        public var literal: String
        /// The number it states: `0.556` for `55.6%`, `3.875e-7` for `3.875 \cdot 10^{-7}`.
        public var value: Double
        /// Half a unit of the last digit written, in the units of `value`.
        public var halfUnit: Double
        /// The line it is written on.
        public var line: Int
        /// Whether its sentence names a source, or it is inside an erratum.
        public var isQuotation: Bool
        /// Whether its block is marked measured.
        public var isMeasured: Bool
    }

    /// A warning at each number of `chapter`'s prose that is neither checked, a source's, nor measured.
    public static func warnings(for chapter: Chapter) -> [WorkbookError] {
        let stated = statedNumbers(in: chapter)
        let known = checkedNumbers(in: chapter) + stated.filter(\.isMeasured).map(\.value)
        return stated.compactMap { number in
            guard !number.isQuotation, !number.isMeasured, !known.contains(where: { matches(number, $0) }) else { return nil }
            return WorkbookError(
                "\(number.literal) in the prose is in no check or output of this chapter; check it in an `expect` block, name its source in its sentence, or mark its paragraph `<!-- workbook: measured -->`",
                at: chapter.location(line: number.line))
        }
    }

    /// Whether `number`, rounded as written, is `value` (either sign).
    static func matches(_ number: StatedNumber, _ value: Double) -> Bool {
        abs(abs(value) - number.value) <= number.halfUnit * (1 + 1e-9)
    }

    /// The numbers the chapter's checks and outputs hold.
    public static func checkedNumbers(in chapter: Chapter) -> [Double] {
        var numbers: [Double] = []
        for block in chapter.blocks {
            switch block {
            case .expectations(let expect):
                for check in expect.checks where !check.isSkipped {
                    numbers += NumberScanner.allNumbers(in: check.expression)
                    switch check.comparison {
                    case .approximately(let expected, _), .exactly(let expected): numbers += expected.numbers
                    case .inRange(let low, let high): numbers += [low, high]
                    }
                }
            case .output(let output):
                numbers += NumberScanner.allNumbers(in: output.expectedText)
            default:
                continue
            }
        }
        return numbers
    }

    /// Every decimal with enough significant digits in the chapter's prose, in order.
    public static func statedNumbers(in chapter: Chapter) -> [StatedNumber] {
        var found: [StatedNumber] = []
        for (index, block) in chapter.blocks.enumerated() {
            guard case .prose(let node) = block else { continue }
            collect(node, measured: chapter.measuredBlocks.contains(index), into: &found)
        }
        return found
    }

    private static func collect(_ node: MarkdownNode, measured: Bool, into found: inout [StatedNumber]) {
        switch node.kind {
        case .codeBlock, .htmlBlock, .thematicBreak:
            return
        case .blockQuote where node.plainText.drop(while: \.isWhitespace).hasPrefix("Erratum:"):
            return
        case .paragraph, .heading:
            for sentence in sentences(of: node) {
                let quotation = sentence.mentionsSource
                for piece in sentence.pieces where !piece.isCode {
                    for number in NumberScanner.decimals(in: piece.text, isMath: piece.isMath)
                    where number.significantDigits >= minimumSignificantDigits {
                        found.append(StatedNumber(
                            literal: number.literal, value: number.value, halfUnit: number.halfUnit,
                            line: piece.line, isQuotation: quotation, isMeasured: measured))
                    }
                }
            }
        default:
            for child in node.children { collect(child, measured: measured, into: &found) }
        }
    }

    /// A run of a paragraph's inline text, on one line.
    struct Piece {
        var text: String
        var line: Int
        var isMath: Bool
        var isCode: Bool
    }

    /// A sentence of a paragraph, or a row of a pipe table.
    struct Sentence {
        var pieces: [Piece] = []

        /// Whether its text says "source" or "sources".
        var mentionsSource: Bool {
            let words = pieces.filter { !$0.isCode && !$0.isMath }.map(\.text).joined()
                .lowercased().split { !$0.isLetter }
            return words.contains("source") || words.contains("sources")
        }
    }

    /// The paragraph's inline content split into sentences: after `.`, `!` or `?` followed by a
    /// space and a capital letter, and at every line break of a pipe table.
    static func sentences(of paragraph: MarkdownNode) -> [Sentence] {
        var pieces: [Piece] = []
        var line = paragraph.startLine
        func walk(_ node: MarkdownNode) {
            switch node.kind {
            case .text: pieces.append(Piece(text: node.literal ?? "", line: line, isMath: false, isCode: false))
            case .math: pieces.append(Piece(text: node.literal ?? "", line: line, isMath: true, isCode: false))
            case .code, .htmlInline: pieces.append(Piece(text: node.literal ?? "", line: line, isMath: false, isCode: true))
            case .softBreak, .lineBreak:
                pieces.append(Piece(text: "\n", line: line, isMath: false, isCode: false))
                line += 1
            default: node.children.forEach(walk)
            }
        }
        paragraph.children.forEach(walk)
        let isTable = pieces.first.map { !$0.isCode && $0.text.hasPrefix("|") } ?? false

        // The paragraph as one run of characters (math and code as a placeholder each), so that a
        // sentence's end is found across soft breaks and inline nodes.
        var flat: [Character] = []
        var starts: [Int] = []
        for piece in pieces {
            starts.append(flat.count)
            flat += piece.isCode || piece.isMath ? ["x"] : Array(piece.text)
        }
        func endsSentence(at position: Int) -> Bool {
            if isTable { return flat[position] == "\n" }
            guard ".!?".contains(flat[position]) else { return false }
            var next = position + 1
            guard next < flat.count, flat[next] == " " || flat[next] == "\n" else { return false }
            while next < flat.count, flat[next] == " " || flat[next] == "\n" { next += 1 }
            return next < flat.count && flat[next].isUppercase
        }

        var sentences: [Sentence] = [Sentence()]
        for (index, piece) in pieces.enumerated() {
            guard !piece.isCode, !piece.isMath else {
                sentences[sentences.count - 1].pieces.append(piece)
                continue
            }
            var current = ""
            for (offset, character) in piece.text.enumerated() {
                current.append(character)
                if endsSentence(at: starts[index] + offset) {
                    sentences[sentences.count - 1].pieces.append(Piece(text: current, line: piece.line, isMath: false, isCode: false))
                    sentences.append(Sentence())
                    current = ""
                }
            }
            if !current.isEmpty {
                sentences[sentences.count - 1].pieces.append(Piece(text: current, line: piece.line, isMath: false, isCode: false))
            }
        }
        return sentences.filter { !$0.pieces.isEmpty }
    }
}

extension ExpectedValue {
    /// The numbers in the value, a list's elements in order.
    var numbers: [Double] {
        switch self {
        case .number(let value, _): return [value]
        case .list(let elements): return elements.flatMap(\.numbers)
        case .bool, .string, .null: return []
        }
    }
}
