/// The TeX commands the math renderer knows, by kind. A command in none of these tables (and not
/// handled by `TeXParser` itself) is an error.
enum TeXSymbols {
    /// Greek letters and other letter-like symbols, rendered as identifiers.
    static let letters: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
        "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
        "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        "ell": "ℓ", "hbar": "ℏ", "imath": "ı", "jmath": "ȷ", "aleph": "ℵ",
        "partial": "∂", "nabla": "∇", "infty": "∞", "emptyset": "∅", "varnothing": "∅",
    ]

    /// Operators, relations, arrows and punctuation, rendered as `<mo>`.
    static let operators: [String: String] = [
        "cdot": "⋅", "times": "×", "div": "÷", "odot": "⊙", "otimes": "⊗", "oplus": "⊕",
        "pm": "±", "mp": "∓", "ast": "∗", "star": "⋆", "circ": "∘", "bullet": "∙",
        "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈",
        "equiv": "≡", "sim": "∼", "simeq": "≃", "propto": "∝", "ll": "≪", "gg": "≫", "lesssim": "≲", "gtrsim": "≳",
        "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃",
        "supseteq": "⊇", "cup": "∪", "cap": "∩", "setminus": "∖", "mid": "∣", "parallel": "∥",
        "perp": "⊥", "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←",
        "leftrightarrow": "↔", "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔",
        "implies": "⟹", "iff": "⟺", "mapsto": "↦", "uparrow": "↑", "downarrow": "↓",
        "forall": "∀", "exists": "∃", "neg": "¬", "lnot": "¬", "land": "∧", "wedge": "∧",
        "lor": "∨", "vee": "∨", "ldots": "…", "dots": "…", "cdots": "⋯", "vdots": "⋮",
        "ddots": "⋱", "prime": "′", "top": "⊤", "intercal": "⊺", "langle": "⟨", "rangle": "⟩",
        "lvert": "|", "rvert": "|", "lVert": "‖", "rVert": "‖", "lfloor": "⌊", "rfloor": "⌋",
        "lceil": "⌈", "rceil": "⌉", "colon": ":", "|": "‖", "{": "{", "}": "}", "lbrace": "{",
        "rbrace": "}", "vert": "|", "Vert": "‖", "triangleq": "≜", "coloneqq": "≔",
        "sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "iint": "∬", "oint": "∮",
        "bigcup": "⋃", "bigcap": "⋂", "bigoplus": "⨁", "bigotimes": "⨂",
    ]

    /// Characters written as themselves after a backslash: `\%`, `\$`, `\#`, `\&`, `\_`.
    static let escapedCharacters: [String: String] = ["%": "%", "$": "$", "#": "#", "&": "&", "_": "_"]

    /// Named functions (`\max`, `\log`), rendered upright.
    static let functions: Set<String> = [
        "sin", "cos", "tan", "sec", "csc", "cot", "sinh", "cosh", "tanh", "coth", "arcsin", "arccos",
        "arctan", "exp", "log", "ln", "lg", "max", "min", "sup", "inf", "lim", "liminf", "limsup",
        "arg", "det", "dim", "ker", "deg", "gcd", "Pr", "hom", "argmax", "argmin",
    ]

    /// How a function is spelled where its command does not say it: `\argmax` is not LaTeX's
    /// own, and this is its usual definition, `\DeclareMathOperator*{\argmax}{arg\,max}`.
    static let functionSpellings: [String: String] = ["argmax": "arg\u{2009}max", "argmin": "arg\u{2009}min"]

    /// The relations that `\not` before them negates, and their negated characters; other
    /// symbols get U+0338 COMBINING LONG SOLIDUS OVERLAY.
    static let negations: [String: String] = [
        "=": "≠", "<": "≮", ">": "≯", "≤": "≰", "≥": "≱", "∈": "∉", "∋": "∌", "≡": "≢", "∼": "≁",
        "≃": "≄", "≈": "≉", "⊂": "⊄", "⊃": "⊅", "⊆": "⊈", "⊇": "⊉", "∣": "∤", "∥": "∦", "∃": "∄",
        "≲": "≴", "≳": "≵", "→": "↛", "←": "↚", "↔": "↮", "⇒": "⇏", "⇐": "⇍", "⇔": "⇎",
    ]

    /// The functions that take limits under them in display style: `\max_{x}`.
    static let limitFunctions: Set<String> = ["max", "min", "sup", "inf", "lim", "liminf", "limsup", "det", "gcd", "Pr", "argmax", "argmin"]

    /// Spacing commands and their width in em.
    static let spaces: [String: Double] = [
        ",": 0.1667, "thinspace": 0.1667, ":": 0.2222, ">": 0.2222, "medspace": 0.2222, ";": 0.2778,
        "thickspace": 0.2778, "!": -0.1667, "negthinspace": -0.1667, " ": 0.25, "quad": 1, "qquad": 2,
        "enspace": 0.5,
    ]

    /// Accents over a base and the mark each draws.
    static let accents: [String: String] = [
        "hat": "^", "widehat": "^", "bar": "¯", "overline": "―", "tilde": "~", "widetilde": "~",
        "vec": "→", "overrightarrow": "→", "dot": "˙", "ddot": "¨", "check": "ˇ", "breve": "˘",
        "acute": "´", "grave": "`", "overbrace": "⏞",
    ]

    /// The accents whose mark stretches over the whole base, where TeX draws a rule or a brace as
    /// wide as it; the others keep the width of their character, as `\hat` and `\bar` do in TeX.
    /// `\overline` is U+2015 HORIZONTAL BAR, as in MathJax and latex2mathml: math fonts (Latin
    /// Modern Math) stretch it, where browsers draw U+203E and U+00AF at their own width.
    static let stretchyAccents: Set<String> = ["overline", "overbrace"]

    /// Marks under a base.
    static let underMarks: [String: String] = ["underline": "_", "underbrace": "⏟"]

    /// Font commands and the Unicode math alphabet each maps letters to.
    static let fonts: [String: MathAlphabet] = [
        "mathbf": .bold, "boldsymbol": .boldItalic, "bm": .boldItalic, "mathit": .italic,
        "mathrm": .upright, "operatorname": .upright, "mathbb": .doubleStruck, "mathcal": .script,
        "mathscr": .script, "mathsf": .sansSerif, "mathtt": .monospace,
    ]

    /// The font switches of plain TeX (`{\rm d}x`), to the end of their group, and the alphabet
    /// of each.
    static let fontSwitches: [String: MathAlphabet] = [
        "rm": .upright, "bf": .bold, "it": .italic, "cal": .script, "sf": .sansSerif, "tt": .monospace,
    ]

    /// The sizes of `\big`, `\Big`, `\bigg`, `\Bigg` delimiters, in em.
    static let bigDelimiters: [String: Double] = [
        "big": 1.2, "bigl": 1.2, "bigr": 1.2, "Big": 1.8, "Bigl": 1.8, "Bigr": 1.8,
        "bigg": 2.4, "biggl": 2.4, "biggr": 2.4, "Bigg": 3, "Biggl": 3, "Biggr": 3,
    ]

    /// The matrix-like environments: their delimiters and column alignments.
    static let environments: [String: (open: String, close: String, alignments: [String])] = [
        "matrix": ("", "", []), "pmatrix": ("(", ")", []), "bmatrix": ("[", "]", []),
        "Bmatrix": ("{", "}", []), "vmatrix": ("|", "|", []), "Vmatrix": ("‖", "‖", []),
        "cases": ("{", "", ["left", "left"]), "aligned": ("", "", ["right", "left"]),
        "gathered": ("", "", []), "array": ("", "", []), "smallmatrix": ("", "", []),
    ]
}
