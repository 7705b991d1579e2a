import Logging
import LuaHost
import SalesforceBulk

/// `sleep`, `now`, `parse_time`, `id18`, `is_job_id`, `log.*` and `json.*`.
enum HelperFunctions {
    /// `sleep(seconds)`: interruptible by Ctrl-C, run timeouts and SIGTERM.
    static func sleep(_ call: SFCall) throws -> Int32 {
        let seconds = try call.number(1)
        guard seconds >= 0, seconds.isFinite else { throw call.argumentError(1, "seconds must be 0 or more") }
        if let reason = call.connection.interruption.handle.sleep(seconds: seconds) { throw InterruptRaise(reason: reason) }
        return 0
    }

    /// `now()`: seconds since the Unix epoch, with fractions.
    static func now(_ call: SFCall) throws -> Int32 {
        call.state.push(SalesforceDate.now())
        return 1
    }

    /// `parse_time(s)`: seconds since the epoch of a Salesforce date string, or nil and a message.
    static func parseTime(_ call: SFCall) throws -> Int32 {
        let text = try call.string(1)
        guard let seconds = SalesforceDate.epochSeconds(text) else {
            call.state.pushNil()
            call.state.push("not a Salesforce date: \"\(text)\"")
            return 2
        }
        if let whole = Int64(exactly: seconds) { call.state.push(whole) } else { call.state.push(seconds) }
        return 1
    }

    /// `id18(id)`: the 18-character form of any Salesforce id; an `argument` error when invalid.
    static func id18(_ call: SFCall) throws -> Int32 {
        let text = try call.string(1)
        guard let id = SalesforceID(text) else {
            throw SalesforceError.badArgument("invalid id \"\(text)\": \(SalesforceID.problem(with: text) ?? "not a Salesforce id")", code: "INVALID_ID")
        }
        call.state.push(id.value)
        return 1
    }

    /// `is_job_id(s)`: whether `s` is a valid 15- or 18-character job id.
    static func isJobID(_ call: SFCall) throws -> Int32 {
        call.state.push(call.state.string(at: call.index(1)).map(JobID.isValid) ?? false)
        return 1
    }

    /// `log.<level>(message [, fields])`
    static func log(_ level: Logger.Level) -> @Sendable (SFCall) throws -> Int32 {
        { call in
            let message = try call.state.tostring(at: call.index(1))  // as `print` would; its errors raised
            var metadata: Logger.Metadata = ["event": "script"]
            if let fields = try call.optionalTable(2) {
                for (key, value) in fields.fields {
                    guard case .string(let name) = key else { continue }
                    guard !["ts", "level", "message"].contains(name) else {
                        throw call.argumentError(2, "fields cannot set \(name): the line's own \(name) comes first")
                    }
                    metadata[name] = metadataValue(value)
                }
            }
            call.connection.logger.log(level: level, "\(message)", metadata: metadata)
            return 0
        }
    }

    private static func metadataValue(_ value: LuaValue) -> Logger.Metadata.Value {
        switch value {
        case .string(let s): .string(s)
        case .integer(let i): .stringConvertible(i)
        case .number(let d): .stringConvertible(d)
        case .boolean(let b): .stringConvertible(b)
        case .table(let t):
            t.fields.isEmpty ? .array(t.array.map(metadataValue))
                : .dictionary(Dictionary(uniqueKeysWithValues: t.fields.compactMap { key, value in
                    if case .string(let s) = key { (s, metadataValue(value)) } else { nil }
                }))
        default: .string(value.typeName)
        }
    }

    /// `json.encode(value)`
    static func jsonEncode(_ call: SFCall) throws -> Int32 {
        call.state.push(try LuaJSON.json(from: call.state.value(at: call.index(1), maxDepth: LuaJSON.maximumDepth)).jsonText)
        return 1
    }

    /// `json.decode(text)`: an `argument` error when the text is not JSON.
    static func jsonDecode(_ call: SFCall) throws -> Int32 {
        let text = try call.string(1)
        guard let value = JSONValue.parse(Array(text.utf8)) else {
            throw SalesforceError.badArgument(
                "json.decode: not a JSON text (or nested more than \(JSONValue.maximumDepth) levels deep)")
        }
        call.state.push(json: value)
        return 1
    }
}
