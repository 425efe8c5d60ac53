/// The update rule applied after each batch's gradient `g`.
public enum OptimizerKind: String, CaseIterable, Sendable {
    /// `θ ← θ − η·g` (fused into the gradient's matrix product).
    case sgd
    /// Heavy ball: `v ← μ·v + g`, `θ ← θ − η·v`.
    case momentum
    /// Adam (Kingma & Ba 2015): `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`,
    /// `θ ← θ − η·m̂/(√v̂ + ε)` with `m̂ = m/(1−β₁ᵗ)`, `v̂ = v/(1−β₂ᵗ)`.
    case adam
    /// AdamW (Loshchilov & Hutter 2019): Adam plus decoupled weight decay `θ ← θ − η·λ·θ`.
    case adamw
}
