extension Duration {
    /// The duration in seconds, `seconds + attoseconds·10⁻¹⁸` (for timing epochs).
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
