import COpenBLAS
import Foundation

/// The boundary to OpenBLAS (Debian's `libopenblas-dev`): thread control and the `Float`/`Double`
/// `gemm` conformances. No C pointer or handle leaves this file; callers pass Swift buffers that
/// OpenBLAS only reads and writes for the duration of the call.
public enum BLAS {
    /// The number of threads OpenBLAS uses for one matrix product.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Sets the number of OpenBLAS threads; `nil` means one per available core.
    public static func setThreadCount(_ count: Int? = nil) {
        let wanted = count ?? ProcessInfo.processInfo.activeProcessorCount
        openblas_set_num_threads(Int32(max(1, wanted)))
    }

    /// The name of the kernel set OpenBLAS chose for this CPU at load time, e.g. `SkylakeX` or
    /// `Prescott` (its generic fallback for an Intel CPU it does not recognise).
    public static var coreName: String {
        guard let text = openblas_get_corename() else { return "unknown" }
        return String(cString: text)
    }

    /// The OpenBLAS build string, e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64`.
    public static var configuration: String {
        guard let text = openblas_get_config() else { return "OpenBLAS" }
        return String(cString: text).trimmingCharacters(in: .whitespaces)
    }

    static func order() -> CBLAS_ORDER { CblasRowMajor }
    static func transpose(_ flag: Bool) -> CBLAS_TRANSPOSE { flag ? CblasTrans : CblasNoTrans }
}

extension Float: TrainingScalar {
    /// `.float`.
    public static var precision: Precision { .float }

    /// `C ← α·op(A)·op(B) + β·C` through `cblas_sgemm`, row-major.
    @inline(__always)
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            BLAS.order(), BLAS.transpose(transposeA), BLAS.transpose(transposeB),
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `eˣ` (`expf`).
    @inline(__always) public static func exponential(_ x: Float) -> Float { Foundation.exp(x) }
    /// `ln x` (`logf`).
    @inline(__always) public static func logarithm(_ x: Float) -> Float { Foundation.log(x) }
    /// `tanh x` (`tanhf`).
    @inline(__always) public static func hyperbolicTangent(_ x: Float) -> Float { Foundation.tanh(x) }
}

extension Double: TrainingScalar {
    /// `.double`.
    public static var precision: Precision { .double }

    /// `C ← α·op(A)·op(B) + β·C` through `cblas_dgemm`, row-major.
    @inline(__always)
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dgemm(
            BLAS.order(), BLAS.transpose(transposeA), BLAS.transpose(transposeB),
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `eˣ` (`exp`).
    @inline(__always) public static func exponential(_ x: Double) -> Double { Foundation.exp(x) }
    /// `ln x` (`log`).
    @inline(__always) public static func logarithm(_ x: Double) -> Double { Foundation.log(x) }
    /// `tanh x` (`tanh`).
    @inline(__always) public static func hyperbolicTangent(_ x: Double) -> Double { Foundation.tanh(x) }
}
