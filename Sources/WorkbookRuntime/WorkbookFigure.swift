import Charts

/// A figure a chapter can show on its page: anything that draws itself as an `<svg>` element.
public protocol WorkbookFigure {
    /// The figure as a standalone `<svg>` element.
    var svg: String { get }
}

extension LineChart: WorkbookFigure {}

extension Heatmap: WorkbookFigure {}

extension ScatterChart: WorkbookFigure {}

extension ContourChart: WorkbookFigure {}

extension BarChart: WorkbookFigure {}

extension NetworkDiagram: WorkbookFigure {}

extension ComputationGraph: WorkbookFigure {}

/// Shows `figure` on the chapter's page, right after the snippet that calls this.
///
/// The figure travels to `workbook build` through the results channel, not standard output, so it
/// changes nothing that an `output` block compares.
public func show(_ figure: some WorkbookFigure) {
    Session.figure(figure.svg)
}

/// Shows `explorable` on the chapter's page, right after the snippet that calls this: its
/// controls, and the view of the state they point at. Call `compute(_:)` on it first.
///
/// Every state's view travels to `workbook build` through the results channel, as JSON
/// (`Explorable.json`); the page picks a state by index and computes nothing.
public func show(_ explorable: Explorable) {
    Session.explorable(explorable.json)
}
