/// Reads Salesforce's error answers in all their formats into ``SalesforceError``:
/// Bulk 2.0 / REST `[{"errorCode","message"}]`, Bulk 1.0 `<error><exceptionCode>`
/// (and its JSON form), OAuth `{"error","error_description"}` and SOAP faults;
/// plus libcurl failures and bodies that cannot be read.
enum ErrorMapping {
    /// The code and message an error body carries, if it is in a known format.
    static func codeAndMessage(_ body: [UInt8]) -> (code: String, message: String, oauth: Bool)? {
        if JobDecoding.isXML(body) {
            guard let root = XMLElement.parse(body) else { return nil }
            if let code = root.find("exceptionCode") {
                return (code.text.trimmingSpaces, root.find("exceptionMessage")?.text.trimmingSpaces ?? "", false)
            }
            if let fault = root.find("Fault"), let code = fault.child("faultcode") {
                let name = code.text.trimmingSpaces
                let bare = name.split(separator: ":").last.map(String.init) ?? name
                return (bare, fault.child("faultstring")?.text.trimmingSpaces ?? "", false)
            }
            return nil
        }
        guard let json = JSONValue.parse(body) else { return nil }
        if let first = json.elements?.first, let code = first["errorCode"]?.stringValue {
            return (code, first["message"]?.stringValue ?? "", false)
        }
        if let code = json["exceptionCode"]?.stringValue {
            return (code, json["exceptionMessage"]?.stringValue ?? "", false)
        }
        if let code = json["error"]?.stringValue {
            return (code, json["error_description"]?.stringValue ?? "", true)
        }
        if let code = json["errorCode"]?.stringValue {
            return (code, json["message"]?.stringValue ?? "", false)
        }
        return nil
    }

    /// The error for an unsuccessful HTTP answer of a Salesforce API call.
    static func error(for response: HTTPResponse, jobID: String?) -> SalesforceError {
        let retryable = RetryPolicy.retryableStatuses.contains(response.status)
        guard let (sentCode, message, oauth) = codeAndMessage(response.body) else {
            return SalesforceError(
                kind: .rest, code: "HTTP_\(response.status)",
                message: "HTTP \(response.status) with an unreadable body\(excerpt(response.body))",
                status: response.status, jobID: jobID, retryable: retryable || response.status == 429)
        }
        let text = Redaction.redact(message.isEmpty ? "HTTP \(response.status)" : message)
        let code = Redaction.redact(sentCode)
        if oauth {
            return SalesforceError(kind: .login, code: code, message: text, status: response.status, jobID: jobID)
        }
        return SalesforceError(
            kind: .rest, code: code, message: text, status: response.status, jobID: jobID,
            retryable: retryable || code == "REQUEST_LIMIT_EXCEEDED" || code == "SERVER_UNAVAILABLE" || response.status == 429)
    }

    /// The error for an unsuccessful answer of a login request (OAuth token endpoint or SOAP).
    static func loginError(for response: HTTPResponse) -> SalesforceError {
        if let (code, message, _) = codeAndMessage(response.body) {
            return SalesforceError(
                kind: .login, code: Redaction.redact(code), message: Redaction.redact(message.isEmpty ? "login refused" : message),
                status: response.status, retryable: RetryPolicy.retryableStatuses.contains(response.status))
        }
        return SalesforceError(
            kind: .login, code: "HTTP_\(response.status)",
            message: "login failed with HTTP \(response.status)\(excerpt(response.body))", status: response.status,
            retryable: RetryPolicy.retryableStatuses.contains(response.status))
    }

    /// Whether an answer says the session expired: 401 `INVALID_SESSION_ID` (REST, Bulk 2.0)
    /// or 400 `InvalidSessionId` (Bulk 1.0).
    static func isExpiredSession(_ response: HTTPResponse) -> Bool {
        guard response.status == 401 || response.status == 400 else { return false }
        guard let (code, _, _) = codeAndMessage(response.body) else { return response.status == 401 }
        return code == "INVALID_SESSION_ID" || code == "InvalidSessionId"
    }

    /// The error for an exchange that produced no answer.
    static func error(for failure: TransportFailure, jobID: String?) -> SalesforceError {
        if failure.unreadable {
            return SalesforceError(kind: .protocol, code: failure.code, message: failure.message, jobID: jobID)
        }
        if failure.timedOut {
            return SalesforceError(kind: .timeout, code: "TIMEOUT", message: "the call timed out (\(failure.message))", jobID: jobID, retryable: true)
        }
        return SalesforceError(kind: .connection, code: failure.code, message: failure.message, jobID: jobID, retryable: failure.transient)
    }

    /// A successful answer whose body makes no sense.
    static func badResponse(_ response: HTTPResponse, expected: String, jobID: String?) -> SalesforceError {
        SalesforceError(
            kind: .protocol, code: "BAD_RESPONSE",
            message: "expected \(expected), got HTTP \(response.status)\(excerpt(response.body))", status: response.status,
            jobID: jobID)
    }

    /// ` with body "..."` for the first bytes of an unreadable body, redacted; empty for an empty body.
    static func excerpt(_ body: [UInt8]) -> String {
        guard !body.isEmpty else { return " and an empty body" }
        let head = String(decoding: body.prefix(120), as: UTF8.self)
            .map { $0.isNewline ? " " : $0 }
        let text = Redaction.redact(String(head), truncated: body.count > 120)
        return " (body starts \"\(text)\(body.count > 120 ? "..." : "")\")"
    }
}
