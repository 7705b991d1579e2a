/// Writes one JSON object with its keys in the order they are added, the way
/// Salesforce's examples order them.
struct JSONWriter {
    private var text = "{"

    mutating func string(_ key: String, _ value: String) { raw(key, Self.quote(value)) }

    mutating func string(_ key: String, _ value: String?) { raw(key, value.map(Self.quote) ?? "null") }

    mutating func int(_ key: String, _ value: Int) { raw(key, String(value)) }

    mutating func bool(_ key: String, _ value: Bool) { raw(key, value ? "true" : "false") }

    /// Adds a value that is already JSON text (a number such as `66.0`, an array, an object).
    mutating func raw(_ key: String, _ json: String) {
        if text.utf8.count > 1 { text += "," }
        text += Self.quote(key)
        text += ":"
        text += json
    }

    var result: String { text + "}" }

    /// A JSON string literal.
    static func quote(_ value: String) -> String {
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + value + "\""
        }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A JSON array of values that are already JSON text.
    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}
