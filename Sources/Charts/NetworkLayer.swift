/// One layer of a `NetworkDiagram`: how many nodes, a name, optionally a value per node, and the
/// nodes that are switched off.
public struct NetworkLayer: Sendable, Equatable {
    /// The number of nodes.
    public var count: Int
    /// The name written under the layer ("input", "hidden", "output"); empty for none.
    public var name: String
    /// A value per node written inside it (an activation, say); nil for none. Values that are not finite are not written.
    public var values: [Double]?
    /// The nodes switched off (dropped by dropout, say): drawn with a dashed outline and a cross, their
    /// edges faint and unlabelled.
    public var dropped: Set<Int> = []

    /// A layer of `count` nodes.
    public init(count: Int, name: String = "", values: [Double]? = nil) {
        self.count = Swift.max(0, count)
        self.name = name
        self.values = values
    }
}
