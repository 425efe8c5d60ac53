/// Applies `OptimizerSettings` to a parameter buffer. It tells the backward pass where to write
/// the gradient (and with which `α`, `β`), then finishes the step in one fused sweep.
final class Optimizer<Scalar: TrainingScalar> {
    /// The rule and its hyperparameters.
    let settings: OptimizerSettings
    /// The number of steps taken, `t`.
    private(set) var step = 0
    /// The gradient (Adam, AdamW) or the velocity (momentum); SGD needs none.
    private let gradient: AlignedBuffer<Scalar>?
    /// Adam's first and second moment estimates `m`, `v`.
    private let firstMoment: AlignedBuffer<Scalar>?, secondMoment: AlignedBuffer<Scalar>?
    /// Adam's `√v`, computed in a separate vectorised pass.
    private let roots: AlignedBuffer<Scalar>?

    /// State for `parameterCount` parameters.
    init(settings: OptimizerSettings, parameterCount: Int) {
        self.settings = settings
        switch settings.kind {
        case .sgd:
            gradient = nil; firstMoment = nil; secondMoment = nil; roots = nil
        case .momentum:
            gradient = AlignedBuffer(count: parameterCount); firstMoment = nil; secondMoment = nil; roots = nil
        case .adam, .adamw:
            gradient = AlignedBuffer(count: parameterCount)
            firstMoment = AlignedBuffer(count: parameterCount)
            secondMoment = AlignedBuffer(count: parameterCount)
            roots = AlignedBuffer(count: parameterCount)
        }
    }

    /// Where `TrainingNetwork.backward` accumulates `β·T + α·Σ(batch gradient)` for a batch of `rows`:
    /// SGD writes `θ − (η/B)·Σ` straight into the parameters, momentum `μ·v + (1/B)·Σ` into the
    /// velocity, Adam the mean gradient `(1/B)·Σ` into its gradient buffer.
    func gradientTarget(parameters: AlignedBuffer<Scalar>, rows: Int) -> (buffer: UnsafeMutablePointer<Scalar>, alpha: Scalar, beta: Scalar) {
        let batch = Scalar(rows)
        switch settings.kind {
        case .sgd: return (parameters.base, Scalar(-settings.learningRate) / batch, 1)
        case .momentum: return (gradient!.base, 1 / batch, Scalar(settings.momentum))
        case .adam, .adamw: return (gradient!.base, 1 / batch, 0)
        }
    }

    /// Completes the step after the backward pass filled the gradient target.
    func finishStep(parameters: AlignedBuffer<Scalar>) {
        beginStep()
        update(parameters: parameters, range: 0..<parameters.count)
    }

    /// True when the step needs a pass over the parameters after the gradient (not plain SGD).
    var needsUpdatePass: Bool { settings.kind != .sgd }

    /// Counts a step, `t ← t + 1`; call once per batch before `update`.
    func beginStep() { step += 1 }

    /// Applies the current step to parameters `range` (team members take disjoint ranges).
    func update(parameters: AlignedBuffer<Scalar>, range: Range<Int>) {
        let theta = parameters.base + range.lowerBound, count = range.count
        let eta = Scalar(settings.learningRate)
        switch settings.kind {
        case .sgd:
            return
        case .momentum:
            let v = gradient!.base + range.lowerBound
            let tiny = Self.flushThreshold
            for i in 0..<count {
                let vi = v[i]
                theta[i] -= eta * vi
                v[i] = vi * (abs(vi) < tiny ? 0 : 1)
            }
        case .adam, .adamw:
            let offset = range.lowerBound
            let g = gradient!.base + offset, m = firstMoment!.base + offset, v = secondMoment!.base + offset
            let b1 = Scalar(settings.beta1), b2 = Scalar(settings.beta2)
            let c1 = 1 - b1, c2 = 1 - b2
            // Bias corrections folded into the step size and ε: η·m̂/(√v̂ + ε) = ηₜ·m/(√v + ε̂).
            let correction1 = 1 - pow(settings.beta1, Double(step))
            let correction2 = 1 - pow(settings.beta2, Double(step))
            let stepSize = Scalar(settings.learningRate * correction2.squareRoot() / correction1)
            let epsilon = Scalar(settings.epsilon * correction2.squareRoot())
            let decay = settings.kind == .adamw ? 1 - Scalar(settings.learningRate * settings.weightDecay) : 1
            let tiny = Self.flushThreshold
            // Three simple passes rather than one loop: each vectorises (see `VectorSquareRoot`).
            // Flushes are multiplications by a 0/1 mask: they vectorise, a select does not.
            for i in 0..<count {
                var gi = g[i]
                gi *= abs(gi) < tiny ? 0 : 1
                var mi = b1 * m[i] + c1 * gi
                var vi = b2 * v[i] + c2 * gi * gi
                mi *= abs(mi) < tiny ? 0 : 1
                vi *= vi < tiny ? 0 : 1
                m[i] = mi
                v[i] = vi
            }
            let r = roots!.base + offset
            Scalar.squareRoots(v, into: r, count: count)
            for i in 0..<count {
                theta[i] = decay * theta[i] - stepSize * m[i] / (r[i] + epsilon)
            }
        }
    }

    /// Optimizer state below `√(least normal)` (about 1e-19 in `Float`, 1e-154 in `Double`) is
    /// flushed to zero. Moments of parameters whose gradient vanishes decay geometrically and would
    /// otherwise become subnormal, which x86 processes tens of times slower (Swift cannot set the
    /// FTZ/DAZ flags). The effect on a step is below `η·10⁻¹¹`, far under ε's.
    static var flushThreshold: Scalar { Scalar.leastNormalMagnitude.squareRoot() }

    /// `xʸ` for the bias corrections.
    private func pow(_ x: Double, _ y: Double) -> Double { Double.exponential(y * Double.logarithm(x)) }
}
