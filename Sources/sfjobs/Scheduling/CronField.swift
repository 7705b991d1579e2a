/// The set of values one field of a cron expression names, with Vixie's "starts with `*`" flag.
struct CronField: Equatable, Sendable {
    /// Bit `n` is set when the field names the value `n`.
    let bits: UInt64
    /// The field starts with `*` (unrestricted for the day-of-month / day-of-week rule).
    let isStar: Bool

    /// What one of the five fields may hold.
    struct Kind: Sendable {
        let name: String
        let range: ClosedRange<Int>
        /// Names for values, lower case, the first for `range.lowerBound`.
        let names: [String]

        static let minute = Kind(name: "minute", range: 0...59, names: [])
        static let hour = Kind(name: "hour", range: 0...23, names: [])
        static let dayOfMonth = Kind(name: "day-of-month", range: 1...31, names: [])
        static let month = Kind(
            name: "month", range: 1...12,
            names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])
        /// Sunday is 0 and also 7.
        static let dayOfWeek = Kind(
            name: "day-of-week", range: 0...7, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun"])
    }

    /// Why a field could not be read.
    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    func contains(_ value: Int) -> Bool { value >= 0 && value < 64 && bits & (1 << UInt64(value)) != 0 }

    /// Reads a lower-case field of `kind`.
    init(_ text: String, _ kind: Kind) throws(ParseError) {
        var bits: UInt64 = 0
        for element in text.split(separator: ",", omittingEmptySubsequences: false) {
            bits |= try Self.parseElement(Substring(element), kind)
        }
        if kind.name == Kind.dayOfWeek.name && bits & (1 << 7) != 0 {
            bits = (bits | 1) & ~(1 << 7)
        }
        self.bits = bits
        isStar = text.hasPrefix("*")
    }

    /// One list element: `*`, `a`, `a-b`, each optionally `/step`.
    private static func parseElement(_ element: Substring, _ kind: Kind) throws(ParseError) -> UInt64 {
        let parts = element.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let base = parts[0]
        var step = 1
        if parts.count == 2 {
            guard let value = Int(parts[1]), value > 0 else {
                throw ParseError(description: "\(kind.name) field: step '\(parts[1])' must be a positive number")
            }
            step = value
        }
        let bounds: ClosedRange<Int>
        if base == "*" {
            bounds = kind.range
        } else {
            let ends = base.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            let low = try value(ends[0], kind)
            let high = ends.count == 2 ? try value(ends[1], kind) : (parts.count == 2 ? kind.range.upperBound : low)
            guard low <= high else {
                throw ParseError(description: "\(kind.name) field: range '\(base)' runs backwards")
            }
            bounds = low...high
        }
        var bits: UInt64 = 0
        for value in stride(from: bounds.lowerBound, through: bounds.upperBound, by: step) {
            bits |= 1 << UInt64(value)
        }
        return bits
    }

    /// A number or a name, within the field's range.
    private static func value(_ text: Substring, _ kind: Kind) throws(ParseError) -> Int {
        if let index = kind.names.firstIndex(of: String(text)) {
            return kind.range.lowerBound + index
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text) else {
            let hint = kind.names.isEmpty ? "" : " or a name such as '\(kind.names[1])'"
            throw ParseError(description: "\(kind.name) field: '\(text)' is not a number\(hint)")
        }
        guard kind.range.contains(number) else {
            throw ParseError(description: "\(kind.name) field: \(number) is out of range "
                + "\(kind.range.lowerBound)-\(kind.range.upperBound)")
        }
        return number
    }
}
