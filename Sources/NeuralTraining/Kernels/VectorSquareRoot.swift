#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

// Swift lowers `squareRoot()` to a libm `sqrtf`/`sqrt` call that may set `errno`, so loops that
// take square roots never vectorise. These use the SSE `sqrtps`/`sqrtpd` instructions (exact
// IEEE square roots, 4 or 2 at a time) and fall back to `squareRoot()` elsewhere.

extension Float {
    /// `y[i] = √x[i]` for `i < count`, 4 lanes at a time on x86-64.
    public static func squareRoots(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        #if arch(x86_64)
        while i + 4 <= count {
            _mm_storeu_ps(y + i, _mm_sqrt_ps(_mm_loadu_ps(x + i)))
            i += 4
        }
        #endif
        while i < count {
            y[i] = x[i].squareRoot()
            i += 1
        }
    }
}

extension Double {
    /// `y[i] = √x[i]` for `i < count`, 2 lanes at a time on x86-64.
    public static func squareRoots(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count: Int) {
        var i = 0
        #if arch(x86_64)
        while i + 2 <= count {
            _mm_storeu_pd(y + i, _mm_sqrt_pd(_mm_loadu_pd(x + i)))
            i += 2
        }
        #endif
        while i < count {
            y[i] = x[i].squareRoot()
            i += 1
        }
    }
}
