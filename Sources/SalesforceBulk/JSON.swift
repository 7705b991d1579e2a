/// A JSON value that keeps object members in the order they were sent and
/// tells integers from fractional numbers.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    /// The member named `key` of an object (the first, should keys repeat).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The text of a string value.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The members of an object value.
    public var members: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements of an array value.
    public var elements: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.integer(let x), .integer(let y)): x == y
        case (.double(let x), .double(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// The deepest nesting of arrays and objects ``parse(_:)`` accepts.
    public static let maximumDepth = 512

    /// Parses a complete JSON text; nil when `bytes` is not one.
    public static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> JSONValue? {
        let parsed = bytes.withContiguousStorageIfAvailable { buffer in
            var parser = JSONParser(buffer)
            return parser.document()
        }
        if let parsed { return parsed }
        let copy = Array(bytes)
        return copy.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer)
            return parser.document()
        }
    }

    /// The value as compact JSON text.
    public var jsonText: String {
        switch self {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .double(let number): number.isFinite ? "\(number)" : "null"
        case .string(let text): Self.quote(text)
        case .array(let elements): "[" + elements.map(\.jsonText).joined(separator: ",") + "]"
        case .object(let members): "{" + members.map { Self.quote($0.key) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
        }
    }

    /// `text` as a JSON string literal, quotes included.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// Where one member of a JSON object lies in the document, as ``JSONParser/objectMemberSpans()`` found it.
struct JSONMemberSpan: Sendable {
    enum Kind: Sendable {
        /// A string without escapes.
        case text
        /// A string with escapes, to be decoded.
        case escapedText
        case number(integral: Bool)
        case bool(Bool)
        case null
        /// An object or an array.
        case nested
    }

    /// The key's bytes, between its quotes.
    var key: Range<Int>
    /// The value's bytes; a string's with its quotes.
    var value: Range<Int>
    var kind: Kind
}

/// A recursive-descent JSON parser over bytes (RFC 8259).
struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    private static let maximumDepth = JSONValue.maximumDepth

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// One value followed only by whitespace.
    mutating func document() -> JSONValue? {
        guard let value = value() else { return nil }
        skipWhitespace()
        return index == bytes.count ? value : nil
    }

    /// Where each member of a document that is one object lies, read without building strings;
    /// nil when the bytes are not one object, or a key has an escape.
    mutating func objectMemberSpans() -> [JSONMemberSpan]? {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        depth += 1
        defer { depth -= 1 }
        index += 1
        var spans: [JSONMemberSpan] = []
        spans.reserveCapacity(32)
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            members: while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = scanString(), !key.escaped else { return nil }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                skipWhitespace()
                guard let (value, kind) = scanValue() else { return nil }
                spans.append(JSONMemberSpan(key: key.range.lowerBound + 1..<key.range.upperBound - 1, value: value, kind: kind))
                skipWhitespace()
                guard index < bytes.count else { return nil }
                switch bytes[index] {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    break members
                default: return nil
                }
            }
        }
        skipWhitespace()
        return index == bytes.count ? spans : nil
    }

    /// Moves past the string at the opening quote; its bytes, quotes included, and whether it has escapes.
    private mutating func scanString() -> (range: Range<Int>, escaped: Bool)? {
        let start = index
        var offset = start + 1
        // Eight bytes at a time up to the first that can end the string or be wrong in it.
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while offset + 8 <= bytes.count {
                let marks = Self.quoteBackslashOrControlMarks(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                if marks != 0 {
                    offset += marks.trailingZeroBitCount / 8
                    break
                }
                offset += 8
            }
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                index = offset + 1
                return (start..<index, false)
            }
            if byte == UInt8(ascii: "\\") {
                index = start
                guard string() != nil else { return nil }
                return (start..<index, true)
            }
            if byte < 0x20 { return nil }
            offset += 1
        }
        return nil
    }

    /// The high bit of each byte of `word` (first byte lowest) that is `"`, `\` or below 0x20, and
    /// perhaps of bytes after such a one, never before: `(x - 0x01…) & ~x & 0x80…` marks the zero bytes
    /// of `x` (`x - 0x20…` the bytes below 0x20), a borrow carrying only towards later bytes.
    @inline(__always)
    private static func quoteBackslashOrControlMarks(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
        let marks = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
        return marks & (ones &* 0x80)
    }

    /// Moves past the value at `index`; its bytes (a string's with its quotes) and kind.
    private mutating func scanValue() -> (range: Range<Int>, kind: JSONMemberSpan.Kind)? {
        guard index < bytes.count else { return nil }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "\""):
            guard let text = scanString() else { return nil }
            return (text.range, text.escaped ? .escapedText : .text)
        case UInt8(ascii: "t"):
            guard literal("true", .bool(true)) != nil else { return nil }
            return (start..<index, .bool(true))
        case UInt8(ascii: "f"):
            guard literal("false", .bool(false)) != nil else { return nil }
            return (start..<index, .bool(false))
        case UInt8(ascii: "n"):
            guard literal("null", .null) != nil else { return nil }
            return (start..<index, .null)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard value() != nil else { return nil }
            return (start..<index, .nested)
        default:
            guard let number = scanNumber() else { return nil }
            return (number.range, .number(integral: number.integral))
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func value() -> JSONValue? {
        skipWhitespace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default: return number()
        }
    }

    private mutating func literal(_ word: StaticString, _ result: JSONValue) -> JSONValue? {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return nil }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return nil }
        index += count
        return result
    }

    private mutating func object() -> JSONValue? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { return nil }
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            guard let member = value() else { return nil }
            members.append((key, member))
            skipWhitespace()
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            } else {
                return nil
            }
        }
    }

    private mutating func array() -> JSONValue? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { return nil }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            guard let element = value() else { return nil }
            elements.append(element)
            skipWhitespace()
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            } else {
                return nil
            }
        }
    }

    /// A string literal starting at the opening quote.
    private mutating func string() -> String? {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
            if byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    private mutating func escapedString(from start: Int) -> String? {
        var utf8 = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    guard let scalar = unicodeEscape() else { return nil }
                    utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: return nil
                }
            case 0..<0x20:
                return nil
            default:
                utf8.append(byte)
            }
        }
        return nil
    }

    /// The scalar of `\uXXXX` (with its low surrogate when it is a high one); the `\u` is consumed.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let high = hex4() else { return nil }
        if (0xD800..<0xDC00).contains(high) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                return nil
            }
            index += 2
            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        }
        return Unicode.Scalar(high)
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// The value of an optional minus and decimal digits, or nil when it does not fit an `Int64`.
    static func integer<Digits: Collection<UInt8>>(_ text: Digits) -> Int64? {
        let negative = text.first == UInt8(ascii: "-")
        var value: Int64 = 0
        for digit in text.dropFirst(negative ? 1 : 0) {
            let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let step = Int64(digit &- UInt8(ascii: "0"))
            let (next, overflowNext) = negative ? times.subtractingReportingOverflow(step) : times.addingReportingOverflow(step)
            guard !overflowTimes && !overflowNext else { return nil }
            value = next
        }
        return value
    }

    private mutating func number() -> JSONValue? {
        guard let (range, integral) = scanNumber() else { return nil }
        let text = bytes[range]
        if integral, let integer = Self.integer(text) { return .integer(integer) }
        return Double(String(decoding: UnsafeBufferPointer(rebasing: text), as: UTF8.self)).map(JSONValue.double)
    }

    /// Moves past a number (RFC 8259 grammar); its bytes, and whether it has neither fraction nor exponent.
    private mutating func scanNumber() -> (range: Range<Int>, integral: Bool)? {
        let start = index
        var integral = true
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        guard index > digitsStart else { return nil }
        if bytes[digitsStart] == UInt8(ascii: "0"), index - digitsStart > 1 { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            let fraction = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard index > fraction else { return nil }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            integral = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            let exponent = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard index > exponent else { return nil }
        }
        return (start..<index, integral)
    }
}
