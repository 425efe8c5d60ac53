/// How an axis maps data to positions.
public enum AxisKind: Sendable, Equatable {
    /// Evenly spaced values: ticks at round steps of 1, 2 or 5 times a power of ten.
    case linear
    /// Evenly spaced powers of ten: ticks at 10ⁿ, labelled with superscript exponents (10⁻³),
    /// and faint grid lines at 2…9 × 10ⁿ when few decades are shown. Values that are not
    /// positive cannot be placed and are skipped.
    case logarithmic
}
