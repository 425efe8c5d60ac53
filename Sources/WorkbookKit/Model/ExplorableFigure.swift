import Foundation

/// An explorable a chapter's snippet showed (`Charts.Explorable`, sent with `show(_:)`): its
/// controls and the view of every state, as the chapter computed them. Decoded from the
/// explorable's JSON, which has exactly these fields; numbers are strings of Swift's shortest
/// round-tripping text.
public struct ExplorableFigure: Sendable, Equatable, Codable {
    /// One control: a slider, a choice or steps.
    public struct Control: Sendable, Equatable, Codable {
        /// `slider`, `choice` or `step`.
        public var kind: String
        /// The name the chapter's view asked for.
        public var name: String
        /// The visible label.
        public var label: String
        /// The text shown for each position.
        public var texts: [String]
        /// A slider's exact values, by position; empty for the other kinds.
        public var values: [String]
        /// The position shown first.
        public var initial: Int

        public init(kind: String, name: String, label: String, texts: [String], values: [String] = [], initial: Int) {
            self.kind = kind
            self.name = name
            self.label = label
            self.texts = texts
            self.values = values
            self.initial = initial
        }
    }

    /// One state's view.
    public struct State: Sendable, Equatable, Codable {
        /// An index into `svgs`, or -1 without a figure.
        public var svg: Int
        /// Each readout's text, in the order of `readouts`.
        public var texts: [String]
        /// Each readout's exact value.
        public var values: [String]

        public init(svg: Int, texts: [String], values: [String]) {
            self.svg = svg
            self.texts = texts
            self.values = values
        }
    }

    public var title: String
    /// What the figure shows, for screen readers.
    public var description: String
    public var controls: [Control]
    /// The readouts' labels.
    public var readouts: [String]
    /// Every distinct SVG, once.
    public var svgs: [String]
    /// The states in mixed-radix order over the controls, the last fastest.
    public var states: [State]

    public init(title: String, description: String, controls: [Control], readouts: [String], svgs: [String], states: [State]) {
        self.title = title
        self.description = description
        self.controls = controls
        self.readouts = readouts
        self.svgs = svgs
        self.states = states
    }

    /// Decodes an explorable's JSON; nil when it is not one.
    public init?(json: String) {
        guard let decoded = try? JSONDecoder().decode(ExplorableFigure.self, from: Data(json.utf8)) else { return nil }
        self = decoded
    }

    /// The index of the state with every control at `positions` (mixed radix, the last fastest).
    public func stateIndex(_ positions: [Int]) -> Int {
        zip(controls, positions).reduce(0) { $0 * $1.0.texts.count + $1.1 }
    }

    /// The state shown first, with every control at its initial position.
    public var initialState: Int { stateIndex(controls.map(\.initial)) }

    /// What is wrong with its shape, or nil: the number of states, each state's readouts and
    /// figure index, each control's kind, sizes and initial position.
    public var structuralProblem: String? {
        var count = 1
        for control in controls {
            guard ["slider", "choice", "step"].contains(control.kind) else { return "control \"\(control.name)\" has an unknown kind \"\(control.kind)\"" }
            guard !control.texts.isEmpty, control.texts.indices.contains(control.initial) else {
                return "control \"\(control.name)\" has \(control.texts.count) positions and starts at \(control.initial)"
            }
            if control.kind == "slider", control.values.count != control.texts.count {
                return "slider \"\(control.name)\" has \(control.values.count) values for \(control.texts.count) texts"
            }
            count *= control.texts.count
            if count > 100_000 { return "it has too many states" }
        }
        guard states.count == count else { return "it has \(states.count) states, not the \(count) its controls make" }
        for (index, state) in states.enumerated() {
            guard state.texts.count == readouts.count, state.values.count == readouts.count else {
                return "state \(index) has \(state.texts.count) readouts, not \(readouts.count)"
            }
            guard state.svg == -1 || svgs.indices.contains(state.svg) else { return "state \(index) refers to figure \(state.svg) of \(svgs.count)" }
        }
        return nil
    }
}
