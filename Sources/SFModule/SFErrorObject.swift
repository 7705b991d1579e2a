import LuaHost
import SalesforceBulk

/// The `sf` error object: a table with `kind`, `code`, `message`, `status`,
/// `job_id` and `retryable`, and a `__tostring` such as
/// `rest error NOT_FOUND (HTTP 404): The requested resource does not exist [job 750...]`.
enum SFErrorObject {
    static let metatableName = "sf.error"

    /// Pushes `error` as an error object.
    static func push(_ error: SalesforceError, onto state: LuaState) {
        state.newTable(fields: 6)
        state.rawSet(table: -1, field: "kind", .string(error.kind.rawValue))
        state.rawSet(table: -1, field: "code", .string(error.code))
        state.rawSet(table: -1, field: "message", .string(error.message))
        if let status = error.status { state.rawSet(table: -1, field: "status", .integer(Int64(status))) }
        if let jobID = error.jobID { state.rawSet(table: -1, field: "job_id", .string(jobID)) }
        state.rawSet(table: -1, field: "retryable", .boolean(error.retryable))
        if state.pushMetatable(named: metatableName) {
            state.push(function: { state in
                state.push(read(at: 1, in: state)?.description ?? "sf error")
                return 1
            })
            state.rawSet(table: -2, field: "__tostring")
            state.rawSet(table: -1, field: "__name", "sf.error")
        }
        state.setMetatable(of: -2)
    }

    /// Reads an error object back (raw), or nil when the value is not one.
    static func read(at index: Int32, in state: LuaState) -> SalesforceError? {
        guard let table = state.value(at: index, maxDepth: 1).tableValue,
            let kind = table["kind"].stringValue.flatMap(SalesforceError.Kind.init(rawValue:)),
            let code = table["code"].stringValue
        else { return nil }
        return SalesforceError(
            kind: kind, code: code, message: table["message"].stringValue ?? "",
            status: table["status"].integerValue.map { Int($0) }, jobID: table["job_id"].stringValue,
            retryable: table["retryable"].boolValue ?? false)
    }
}

/// Raises a ``SalesforceError`` from a Swift function as the `sf` error object.
struct SFRaisedError: LuaRaisable {
    let error: SalesforceError
    func push(onto state: LuaState) { SFErrorObject.push(error, onto: state) }
}

/// Raises the error of a pending interrupt, as the hook would.
struct InterruptRaise: LuaRaisable {
    let reason: LuaInterruptReason
    func push(onto state: LuaState) { SFModule.pushInterruptError(reason, onto: state) }
}
