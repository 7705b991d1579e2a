/// Writes one JSON object with its keys in the order they are added, the way
/// Salesforce's examples order them, straight into UTF-8 bytes.
struct JSONWriter {
    private var bytes: [UInt8]

    init() {
        bytes = [UInt8(ascii: "{")]
        bytes.reserveCapacity(512)
    }

    mutating func string(_ key: String, _ value: String) {
        self.key(key)
        Self.appendQuoted(value, to: &bytes)
    }

    mutating func string(_ key: String, _ value: String?) {
        guard let value else { return raw(key, "null") }
        string(key, value)
    }

    mutating func int(_ key: String, _ value: Int) { raw(key, String(value)) }

    mutating func bool(_ key: String, _ value: Bool) { raw(key, value ? "true" : "false") }

    /// Adds a value that is already JSON text (a number such as `66.0`, an array, an object).
    mutating func raw(_ key: String, _ json: String) {
        self.key(key)
        bytes.append(contentsOf: json.utf8)
    }

    /// Adds an array of objects.
    mutating func objects(_ key: String, _ items: [JSONWriter]) {
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: item.bytes)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
    }

    var result: String {
        var closed = bytes
        closed.append(UInt8(ascii: "}"))
        return String(decoding: closed, as: UTF8.self)
    }

    private mutating func key(_ key: String) {
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
        Self.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    /// A JSON string literal.
    static func quote(_ value: String) -> String {
        var out: [UInt8] = []
        appendQuoted(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON array of values that are already JSON text.
    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    private static func appendQuoted(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case UInt8(ascii: "\n"):
                out.append(UInt8(ascii: "\\"))
                out.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"):
                out.append(UInt8(ascii: "\\"))
                out.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"):
                out.append(UInt8(ascii: "\\"))
                out.append(UInt8(ascii: "t"))
            case ..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0xF))
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
