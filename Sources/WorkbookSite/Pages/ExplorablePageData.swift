import WorkbookKit

/// An explorable as the page carries it: `ExplorableFigure` with its figures stored as lines.
///
/// The states of an explorable mostly share their figure's lines (the axes, the grid, a curve
/// that only one control changes), so each distinct line of SVG is stored once in `lines` and each
/// figure is the list of its lines' indices, to be joined with newlines. Chapter 2's 119 states
/// take 82 kB instead of 538 kB. `figure(_:)` gives a figure back, byte for byte.
struct ExplorablePageData: Codable, Equatable {
    var title: String
    var description: String
    var controls: [ExplorableFigure.Control]
    var readouts: [String]
    var states: [ExplorableFigure.State]
    /// Every distinct line of every figure, once.
    var lines: [String]
    /// Each figure as indices into `lines`, in order; a state's `svg` indexes this list.
    var svgs: [[Int]]

    init(_ explorable: ExplorableFigure) {
        title = explorable.title
        description = explorable.description
        controls = explorable.controls
        readouts = explorable.readouts
        states = explorable.states
        var lines: [String] = []
        var index: [String: Int] = [:]
        svgs = explorable.svgs.map { svg in
            svg.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                let line = String(line)
                if let known = index[line] { return known }
                index[line] = lines.count
                lines.append(line)
                return lines.count - 1
            }
        }
        self.lines = lines
    }

    /// Figure `index` as the chapter drew it.
    func figure(_ index: Int) -> String {
        svgs[index].map { lines[$0] }.joined(separator: "\n")
    }
}
