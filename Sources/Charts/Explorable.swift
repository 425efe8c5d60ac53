/// A figure the reader can explore: controls (sliders, choices, steps) and a view (a chart and
/// labelled numbers) computed by the chapter for every state of the controls.
///
/// ```swift
/// var explorable = Explorable(title: "The sigmoid", description: "The sigmoid with the point at z marked.")
/// explorable.slider("z", label: "z", values: stride(from: -4.0, through: 4, by: 0.5).map { $0 }, initial: 0)
/// explorable.compute { state in
///     let z = state.value("z")
///     var chart = LineChart(title: "σ(z)", xLabel: "z")
///     chart.add("σ", over: -4...4) { sigmoid($0) }
///     chart.add("z", x: [z], y: [sigmoid(z)])
///     var view = ExplorableView(svg: chart.svg)
///     view.readout("σ(z)", sigmoid(z), decimals: 3)     // shown as 0.731
///     return view
/// }
/// show(explorable)    // in a chapter: the page shows the controls and the view
/// ```
///
/// A slider is a finite grid of values, so the states are finite: `compute` evaluates the view
/// for every combination of control values, and the page only picks the state the controls
/// point at. No arithmetic happens in the browser; every number on the page was computed here.
///
/// States are numbered in mixed radix over the controls in the order they were added, the last
/// control fastest: with a choice of 3 options then a slider of 5 values, state `5·c + s` has
/// option `c` and value `s`. At most `maximumStates` states are allowed.
///
/// `json` is deterministic: the same explorable gives the same bytes on every machine.
/// Identical SVGs are stored once and referred to by index.
public struct Explorable: Sendable, Equatable {
    /// The most states an explorable may have: each is a view the page carries.
    public static let maximumStates = 2_000

    /// The title, shown as the figure's caption.
    public var title: String
    /// What the figure shows, for screen readers (and as the figure's accessible description).
    public var description: String
    /// The controls, in the order they were added (and shown).
    public private(set) var controls: [ExplorableControl] = []
    /// The view of every state, by state index; empty until `compute` runs.
    public private(set) var views: [ExplorableView] = []

    /// An explorable without controls yet.
    public init(title: String, description: String) {
        self.title = title
        self.description = description
    }

    /// Adds a slider named `name` over `values` (the grid it moves on), starting at `initial`,
    /// which must be one of the values. `format` gives the text shown for a value (by default
    /// the shortest text that reads back as the value, with a true minus sign: `−0.5`, `2`).
    public mutating func slider(
        _ name: String, label: String, values: [Double], initial: Double, format: ((Double) -> String)? = nil
    ) {
        precondition(!values.isEmpty, "Explorable.slider(\"\(name)\"): give at least one value")
        guard let start = values.firstIndex(of: initial) else {
            preconditionFailure("Explorable.slider(\"\(name)\"): the initial value \(initial) is not one of its \(values.count) values")
        }
        let texts = values.map { format?($0) ?? Self.text($0) }
        add(ExplorableControl(kind: .slider, name: name, label: label, texts: texts, values: values, initial: start))
    }

    /// Adds a choice named `name` among `options`, starting at `initial`, which must be one of them.
    public mutating func choice(_ name: String, label: String, options: [String], initial: String) {
        precondition(!options.isEmpty, "Explorable.choice(\"\(name)\"): give at least one option")
        guard let start = options.firstIndex(of: initial) else {
            preconditionFailure("Explorable.choice(\"\(name)\"): the initial option \"\(initial)\" is not one of \(options)")
        }
        add(ExplorableControl(kind: .choice, name: name, label: label, texts: options, values: [], initial: start))
    }

    /// Adds steps named `name`, numbered 1 through `count` and shown as "Step k of n" with
    /// Previous and Next buttons, starting at step `initial`.
    public mutating func step(_ name: String, label: String, count: Int, initial: Int = 1) {
        precondition(count >= 1, "Explorable.step(\"\(name)\"): count must be at least 1, not \(count)")
        precondition((1...count).contains(initial), "Explorable.step(\"\(name)\"): the initial step \(initial) is not in 1...\(count)")
        let texts = (1...count).map { "Step \($0) of \(count)" }
        add(ExplorableControl(kind: .step, name: name, label: label, texts: texts, values: [], initial: initial - 1))
    }

    private mutating func add(_ control: ExplorableControl) {
        precondition(!controls.contains { $0.name == control.name }, "Explorable: two controls are named \"\(control.name)\"")
        controls.append(control)
        views = []
    }

    /// The number of states: the product of the controls' sizes (1 without controls).
    public var stateCount: Int {
        var count = 1
        for control in controls {
            let (product, overflow) = count.multipliedReportingOverflow(by: control.count)
            count = overflow ? Int.max : product
        }
        return count
    }

    /// The state the page shows first: every control at its initial position.
    public var initialStateIndex: Int { index(of: controls.map(\.initial)) }

    /// The state numbered `index` (mixed radix, the last control fastest).
    public func state(at index: Int) -> ExplorableState {
        precondition((0..<stateCount).contains(index), "Explorable: state \(index) is not in 0..<\(stateCount)")
        var positions = Array(repeating: 0, count: controls.count)
        var rest = index
        for position in controls.indices.reversed() {
            positions[position] = rest % controls[position].count
            rest /= controls[position].count
        }
        return ExplorableState(index: index, controls: controls, positions: positions)
    }

    /// The state index of the controls at `positions`, one position for each control.
    public func index(of positions: [Int]) -> Int {
        precondition(positions.count == controls.count, "Explorable: give one position for each of the \(controls.count) controls")
        var index = 0
        for (control, position) in zip(controls, positions) {
            precondition((0..<control.count).contains(position), "Explorable: position \(position) of \"\(control.name)\" is not in 0..<\(control.count)")
            index = index * control.count + position
        }
        return index
    }

    /// The message of the precondition that stops an explorable with too many states.
    public static func tooManyStatesMessage(_ count: Int, controls: [ExplorableControl]) -> String {
        let sizes = controls.map { "\($0.name): \($0.count)" }.joined(separator: ", ")
        return "Explorable has \(count == Int.max ? "too many" : String(count)) states (\(sizes)), more than the \(maximumStates) a page may carry; use coarser grids or fewer controls"
    }

    /// Evaluates `view` for every state, in state order. Every view must have the same readout
    /// labels in the same order, and either all views have a figure or none has.
    public mutating func compute(_ view: (ExplorableState) -> ExplorableView) {
        let count = stateCount
        precondition(count <= Self.maximumStates, Self.tooManyStatesMessage(count, controls: controls))
        var computed: [ExplorableView] = []
        computed.reserveCapacity(count)
        for index in 0..<count {
            let next = view(state(at: index))
            if let first = computed.first {
                precondition(next.readouts.map(\.label) == first.readouts.map(\.label),
                             "Explorable: state \(index) has the readouts \(next.readouts.map(\.label)), state 0 \(first.readouts.map(\.label)); every state needs the same labels in the same order")
                precondition((next.svg == nil) == (first.svg == nil),
                             "Explorable: state \(index) \(next.svg == nil ? "has no figure" : "has a figure") and state 0 \(first.svg == nil ? "none" : "has one"); give every state a figure or none")
            }
            computed.append(next)
        }
        views = computed
    }

    /// The explorable as deterministic JSON, what the page carries:
    ///
    /// `{"controls":[{"initial":8,"kind":"slider","label":"z","name":"z","texts":["−4",…],"values":["-4.0",…]},…],`
    /// `"description":"…","readouts":["f(z)",…],"states":[{"svg":0,"texts":["0.018"],"values":["0.01798620996209156"]},…],`
    /// `"svgs":["<svg…>",…],"title":"…"}`
    ///
    /// Keys are sorted; numbers are written as strings of Swift's shortest round-tripping text
    /// (so `nan` and `inf` survive); a state's `svg` is an index into `svgs`, or -1 without a
    /// figure. `compute` must have run.
    public var json: String {
        precondition(views.count == stateCount, "Explorable \"\(title)\": call compute(_:) before showing it")
        var svgs: [String] = []
        var svgIndex: [String: Int] = [:]
        var states: [String] = []
        for view in views {
            var reference = -1
            if let svg = view.svg {
                if let known = svgIndex[svg] {
                    reference = known
                } else {
                    reference = svgs.count
                    svgIndex[svg] = reference
                    svgs.append(svg)
                }
            }
            states.append("{\"svg\":\(reference),\"texts\":\(Self.list(view.readouts.map(\.text))),\"values\":\(Self.list(view.readouts.map { "\($0.value)" }))}")
        }
        let labels = views.first?.readouts.map(\.label) ?? []
        let controlsJSON = controls.map { control in
            "{\"initial\":\(control.initial),\"kind\":\(Self.quoted(control.kind.rawValue)),\"label\":\(Self.quoted(control.label)),"
                + "\"name\":\(Self.quoted(control.name)),\"texts\":\(Self.list(control.texts)),\"values\":\(Self.list(control.values.map { "\($0)" }))}"
        }
        return "{\"controls\":[\(controlsJSON.joined(separator: ","))],\"description\":\(Self.quoted(description)),"
            + "\"readouts\":\(Self.list(labels)),\"states\":[\(states.joined(separator: ","))],"
            + "\"svgs\":\(Self.list(svgs)),\"title\":\(Self.quoted(title))}"
    }

    /// `value` as the shortest text that reads back as it, without a trailing `.0`, with a true
    /// minus sign: `−0.5`, `2`, `0.1`.
    public static func text(_ value: Double) -> String {
        var text = "\(value)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static func list(_ texts: [String]) -> String {
        "[" + texts.map(quoted).joined(separator: ",") + "]"
    }
}

/// One control of an `Explorable`: a slider over a grid of values, a choice among options, or
/// steps with Previous and Next buttons.
public struct ExplorableControl: Sendable, Equatable {
    /// What kind of control it is.
    public enum Kind: String, Sendable, Equatable {
        case slider, choice, step
    }

    /// The kind.
    public var kind: Kind
    /// The name the view asks the state for (`state.value("z")`).
    public var name: String
    /// The visible label.
    public var label: String
    /// The text shown for each position: a slider's formatted values, a choice's options,
    /// "Step k of n".
    public var texts: [String]
    /// A slider's values, by position; empty for the other kinds.
    public var values: [Double]
    /// The position the page starts at.
    public var initial: Int

    /// The number of positions.
    public var count: Int { texts.count }
}

/// One state of an `Explorable`'s controls, as `compute` passes it to the view.
public struct ExplorableState: Sendable, Equatable {
    /// The state's index (mixed radix over the controls, the last fastest).
    public let index: Int
    /// Each control's position (0-based), in the order the controls were added.
    public let positions: [Int]
    private let controls: [ExplorableControl]

    init(index: Int, controls: [ExplorableControl], positions: [Int]) {
        self.index = index
        self.controls = controls
        self.positions = positions
    }

    private func position(_ name: String, _ kind: ExplorableControl.Kind) -> (ExplorableControl, Int) {
        guard let at = controls.firstIndex(where: { $0.name == name }) else {
            preconditionFailure("Explorable: no control is named \"\(name)\" (there are \(controls.map(\.name)))")
        }
        precondition(controls[at].kind == kind, "Explorable: \"\(name)\" is a \(controls[at].kind.rawValue), not a \(kind.rawValue)")
        return (controls[at], positions[at])
    }

    /// The value of the slider named `name`.
    public func value(_ name: String) -> Double {
        let (control, position) = self.position(name, .slider)
        return control.values[position]
    }

    /// The option chosen in the choice named `name`.
    public func choice(_ name: String) -> String {
        let (control, position) = self.position(name, .choice)
        return control.texts[position]
    }

    /// The step (1 through its count) of the steps named `name`.
    public func step(_ name: String) -> Int {
        position(name, .step).1 + 1
    }
}

/// What an `Explorable` shows for one state: an optional figure and labelled numbers.
public struct ExplorableView: Sendable, Equatable {
    /// The figure, a standalone `<svg>` element (any chart's `svg`), or nil.
    public var svg: String?
    /// The labelled numbers under the figure, in order.
    public var readouts: [ExplorableReadout]

    /// A view with the figure `svg` (a chart's `.svg`, or nil) and `readouts`.
    public init(svg: String? = nil, readouts: [ExplorableReadout] = []) {
        self.svg = svg
        self.readouts = readouts
    }

    /// Adds a readout: `label`, the exact `value` (carried as data) and the `text` shown.
    public mutating func readout(_ label: String, _ value: Double, text: String) {
        readouts.append(ExplorableReadout(label: label, value: value, text: text))
    }

    /// Adds a readout shown with exactly `decimals` decimals and a true minus sign (`−0.250`);
    /// a value that is not finite is shown as `nan`, `∞` or `−∞`.
    public mutating func readout(_ label: String, _ value: Double, decimals: Int) {
        let text: String
        if value.isNaN {
            text = "nan"
        } else if value.isInfinite {
            text = value < 0 ? "−∞" : "∞"
        } else {
            text = SVGText.label(value, decimals: decimals)
        }
        readout(label, value, text: text)
    }
}

/// A labelled number of an `ExplorableView`: the exact value and the text the page shows for it.
public struct ExplorableReadout: Sendable, Equatable {
    /// The label (`f(z)`).
    public var label: String
    /// The exact value the chapter computed.
    public var value: Double
    /// The text shown, formatted by the chapter (`0.731`).
    public var text: String

    /// A readout.
    public init(label: String, value: Double, text: String) {
        self.label = label
        self.value = value
        self.text = text
    }
}
