/// Formatting for SVG output that is the same on every machine: fixed decimals, escaped text.
enum SVGText {
    /// `value` with at most `decimals` decimals and no trailing zeros: `12.5`, `-3`, `0.25`.
    static func number(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded()
        if scaled == 0 { return "0" }
        let negative = scaled < 0
        let digits = String(Int64(abs(scaled)))
        var integer = digits, fraction = ""
        if decimals > 0 {
            let padded = String(repeating: "0", count: Swift.max(0, decimals + 1 - digits.count)) + digits
            integer = String(padded.dropLast(decimals))
            fraction = String(padded.suffix(decimals))
            while fraction.hasSuffix("0") { fraction.removeLast() }
        }
        return (negative ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// A tick label: `value` with exactly `decimals` decimals, and a true minus sign.
    static func label(_ value: Double, decimals: Int) -> String {
        var text = number(value, decimals: decimals)
        if decimals > 0 {
            let present = text.split(separator: ".").dropFirst().first?.count ?? 0
            if present == 0 { text += "." }
            text += String(repeating: "0", count: decimals - present)
        }
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// `text` escaped for SVG character data and attribute values.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}

extension SVGText {
    /// A power of ten with a superscript exponent and a true minus sign: `10⁻³`, `10⁰`, `10²`.
    static func powerOfTen(_ exponent: Int) -> String {
        let digits = Array("⁰¹²³⁴⁵⁶⁷⁸⁹")
        var text = exponent < 0 ? "⁻" : ""
        for digit in String(abs(exponent)) { text.append(digits[Int(String(digit))!]) }
        return "10" + text
    }
}
