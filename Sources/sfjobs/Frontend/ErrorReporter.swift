import LuaHost
import SalesforceBulk

/// The one place that prints an uncaught error: `tostring(err)` and a Lua
/// traceback as text, or one JSON line carrying `error.traceback`.
struct ErrorReporter {
    var format: LogFormat

    /// Secrets in the message and traceback (a script's own `error("... token ...")`) are masked.
    func report(_ error: LuaError) {
        let message = Redaction.redact(error.message)
        let traceback = error.traceback.map { Redaction.redact($0) }
        switch format {
        case .text:
            var text = "sfjobs: \(message)\n"
            if let traceback { text += traceback + "\n" }
            StandardError.write(text)
        case .json:
            let fields = Self.errorFields(error)
            var object = fields.map { "\(JSONText.quote($0.0)):\(JSONText.quote(Redaction.redact($0.1)))" }
            if let traceback { object.append("\"traceback\":\(JSONText.quote(traceback))") }
            StandardError.write(
                "{\"ts\":\(JSONText.quote(Timestamp.now())),\"level\":\"error\",\"event\":\"uncaught_error\","
                    + "\"message\":\(JSONText.quote(message)),\"error\":{\(object.joined(separator: ","))}}\n")
        }
    }

    /// Prints a plain failure message (a command that failed without a Lua error).
    func report(message: String) {
        switch format {
        case .text: StandardError.write("sfjobs: \(message)\n")
        case .json:
            StandardError.write(
                "{\"ts\":\(JSONText.quote(Timestamp.now())),\"level\":\"error\",\"event\":\"error\",\"message\":\(JSONText.quote(message))}\n")
        }
    }

    /// `kind`, `code` and `message` of an error: an `sf` error object's own
    /// fields, or what the host knows of any other error.
    static func errorFields(_ error: LuaError) -> [(String, String)] {
        if let table = error.value.tableValue, let kind = table["kind"].stringValue {
            return [("kind", kind), ("code", table["code"].stringValue ?? ""), ("message", table["message"].stringValue ?? error.message)]
        }
        let kind: String
        switch error.kind {
        case .syntax: kind = "syntax"
        case .runtime, .handler, .file: kind = "runtime"
        case .memory: kind = "memory"
        case .interrupted(.timeout): kind = "timeout"
        case .interrupted: kind = "interrupted"
        }
        return [("kind", kind), ("code", kind.uppercased()), ("message", error.message)]
    }
}
