extension Double {
    /// The number with at most two decimals, as SVG coordinates are written.
    var svg: String {
        let rounded = (self * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
