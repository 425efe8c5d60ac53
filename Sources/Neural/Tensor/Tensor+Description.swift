import Foundation

/// `tensor([[1.0000, 2.0000], [3.0000, 4.0000]])`, as PyTorch prints, with the shape and
/// `requiresGrad` when set.
extension Tensor: CustomStringConvertible {
    public var description: String {
        var text = "tensor(" + Self.format(elements[...], shape[...]) 
        if rank != 2 && rank != 1 { text += ", shape: \(shape)" }
        if requiresGrad { text += operation == "leaf" ? ", requiresGrad: true" : ", operation: \(operation)" }
        return text + ")"
    }

    private static func format(_ elements: ArraySlice<Double>, _ shape: ArraySlice<Int>) -> String {
        guard let first = shape.first else { return elements.first.map(number) ?? "" }
        let block = shape.dropFirst().reduce(1, *)
        let parts = (0..<first).map { i in
            format(elements[(elements.startIndex + i * block)..<(elements.startIndex + (i + 1) * block)], shape.dropFirst())
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }

    private static func number(_ value: Double) -> String {
        value.isFinite ? String(format: "%.4f", value) : "\(value)"
    }
}

extension Tensor {
    /// Every element equal and the shapes equal (the graph and gradients are not compared).
    public func hasSameElements(as other: Tensor) -> Bool {
        shape == other.shape && elements == other.elements
    }
}
