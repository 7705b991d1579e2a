/// A length of time as the command line writes it: `500ms`, `30s`, `5m`, `1h`, `1h30m`, `1d`.
struct DurationArgument: Equatable, Sendable, CustomStringConvertible {
    /// Whole milliseconds.
    let milliseconds: Int64

    /// Why a duration could not be read.
    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    /// Reads one or more `NUMBER UNIT` parts (units `ms`, `s`, `m`, `h`, `d`; numbers may have a fraction).
    init(parsing text: String) throws(ParseError) {
        let invalid = ParseError(description: "'\(text)' is not a duration: write it as 500ms, 30s, 5m, 1h or 1h30m")
        var total = 0.0
        var rest = Substring(text)
        guard !rest.isEmpty else { throw invalid }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isASCII && $0.isLetter }
            rest = rest.dropFirst(unit.count)
            guard let value = Double(number), let scale = Self.unitMilliseconds[String(unit)] else { throw invalid }
            total += value * scale
        }
        guard total < 1e15 else { throw ParseError(description: "'\(text)' is too long a duration") }
        milliseconds = Int64(total.rounded())
    }

    private static let unitMilliseconds: [String: Double] = [
        "ms": 1, "s": 1_000, "m": 60_000, "h": 3_600_000, "d": 86_400_000,
    ]

    var seconds: Double { Double(milliseconds) / 1_000 }

    /// The shortest spelling: `1h30m`, `500ms`, `0s`.
    var description: String {
        guard milliseconds > 0 else { return "0s" }
        var rest = milliseconds
        var text = ""
        for (unit, size) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1)] where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        return text
    }
}
