import Logging
import SalesforceBulk

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes log lines to stderr: readable text on a terminal, JSON lines otherwise.
///
/// A JSON line has `ts`, `level`, `event`, `message`, then the metadata as
/// keys of their own (nested dictionaries become objects).  The metadata key
/// `event` names the event; it defaults to `log`.
struct StderrLogHandler: LogHandler {
    var format: LogFormat
    var colour: Bool
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        let name = fields.removeValue(forKey: "event").map { "\($0)" } ?? "log"
        for reserved in ["ts", "level", "message"] { fields.removeValue(forKey: reserved) }
        fields = fields.reduce(into: [:]) { masked, field in masked[field.key] = Self.masked(field.value, named: field.key) }
        let message = Redaction.redact("\(event.message)")
        let line: String
        switch format {
        case .json: line = jsonLine(level: event.level, event: name, message: message, fields: fields)
        case .text: line = textLine(level: event.level, event: name, message: message, fields: fields)
        }
        StandardError.write(line + "\n")
    }

    /// A field's value with its secrets masked: all of it under a secret's name, otherwise what
    /// ``Redaction`` finds in its text (a script's fields and error messages reach logs here).
    private static func masked(_ value: Logger.Metadata.Value, named name: String) -> Logger.Metadata.Value {
        if Redaction.isSecretName(name) { return .string(Redaction.mask) }
        switch value {
        case .string(let text): return .string(Redaction.redact(text))
        case .stringConvertible(let convertible):
            let text = "\(convertible)"
            let redacted = Redaction.redact(text)
            return redacted == text ? value : .string(redacted)
        case .array(let values): return .array(values.map { masked($0, named: "") })
        case .dictionary(let members):
            return .dictionary(members.reduce(into: [:]) { masked, member in masked[member.key] = Self.masked(member.value, named: member.key) })
        }
    }

    private func jsonLine(level: Logger.Level, event: String, message: String, fields: Logger.Metadata) -> String {
        var parts = [
            "\"ts\":\(JSONText.quote(Timestamp.now()))",
            "\"level\":\(JSONText.quote(level.rawValue))",
            "\"event\":\(JSONText.quote(event))",
            "\"message\":\(JSONText.quote(message))",
        ]
        for key in fields.keys.sorted() {
            parts.append("\(JSONText.quote(key)):\(JSONText.encode(fields[key]!))")
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    private func textLine(level: Logger.Level, event: String, message: String, fields: Logger.Metadata) -> String {
        let time = String(Timestamp.now().dropFirst(11).prefix(8))
        var label = level.rawValue.uppercased()
        if colour { label = Self.colourCode(level) + label + "\u{1B}[0m" }
        var text = "\(time) \(label) \(message)"
        if event != "log" { text += " event=\(event)" }
        for key in fields.keys.sorted() { text += Self.textFields(key, fields[key]!) }
        return text
    }

    /// ` key=value`, a nested dictionary flattened to ` key.field=value` in key order.
    private static func textFields(_ key: String, _ value: Logger.Metadata.Value) -> String {
        guard case .dictionary(let nested) = value else { return " \(key)=\(value)" }
        return nested.keys.sorted().map { textFields("\(key).\($0)", nested[$0]!) }.joined()
    }

    private static func colourCode(_ level: Logger.Level) -> String {
        switch level {
        case .trace, .debug: "\u{1B}[2m"
        case .info, .notice: "\u{1B}[36m"
        case .warning: "\u{1B}[33m"
        case .error, .critical: "\u{1B}[31m"
        }
    }
}

/// JSON text for log lines: strings quoted and escaped, metadata values as JSON.
enum JSONText {
    /// A JSON string literal.
    static func quote(_ text: String) -> String { JSONValue.string(text).jsonText }

    static func encode(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let s): return quote(s)
        case .stringConvertible(let v):
            switch v {
            case let b as Bool: return b ? "true" : "false"
            case let i as any BinaryInteger: return "\(i)"
            case let d as Double where d.isFinite: return "\(d)"
            default: return quote(v.description)
            }
        case .array(let values): return "[" + values.map(encode).joined(separator: ",") + "]"
        case .dictionary(let dict):
            return "{" + dict.keys.sorted().map { "\(quote($0)):\(encode(dict[$0]!))" }.joined(separator: ",") + "}"
        }
    }
}

/// UTC timestamps with milliseconds, `2026-11-22T16:12:53.123Z`.
enum Timestamp {
    static func now() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var seconds = ts.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ n: Int32, _ width: Int = 2) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T"
            + "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec)).\(pad(Int32(ts.tv_nsec / 1_000_000), 3))Z"
    }
}

/// Unbuffered writes to file descriptor 2.
enum StandardError {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
    }
}
