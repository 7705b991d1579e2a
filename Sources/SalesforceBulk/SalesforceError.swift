/// Every failure of the Salesforce client, in the shape the `sf` module raises:
/// kind, code, message, HTTP status, job id and whether a retry may help.
public struct SalesforceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The family of a failure.
    public enum Kind: String, Sendable, CaseIterable {
        /// Bad input caught before any request (`INVALID_ID`, `INVALID_STATE`, `BAD_ARGUMENT`).
        case argument
        /// Salesforce answered with an error (`NOT_FOUND`, `INVALIDJOBSTATE`, `InvalidJobState`, ...).
        case rest
        /// Authentication failed, or an expired session may not be refreshed.
        case login
        /// No connection configured, or the network failed (`NOT_CONFIGURED`, `COULDNT_CONNECT`, ...).
        case connection
        /// The call's time ran out (`TIMEOUT`).
        case timeout
        /// Salesforce's answer could not be understood (`BAD_RESPONSE`).
        case `protocol`
    }

    public var kind: Kind
    public var code: String
    public var message: String
    /// The HTTP status of the answer, when there was one.
    public var status: Int?
    /// The job the call was about, when there was one.
    public var jobID: String?
    /// Whether repeating the same call later may succeed.
    public var retryable: Bool

    public init(kind: Kind, code: String, message: String, status: Int? = nil, jobID: String? = nil, retryable: Bool = false) {
        self.kind = kind
        self.code = code
        self.message = message
        self.status = status
        self.jobID = jobID
        self.retryable = retryable
    }

    /// `rest error NOT_FOUND (HTTP 404): The requested resource does not exist [job 750...]`
    public var description: String {
        var text = "\(kind.rawValue) error \(code)"
        if let status { text += " (HTTP \(status))" }
        text += ": \(message)"
        if let jobID { text += " [job \(jobID)]" }
        return text
    }

    /// The same error about `jobID`.
    public func about(job jobID: String?) -> SalesforceError {
        var copy = self
        if copy.jobID == nil { copy.jobID = jobID }
        return copy
    }

    static func invalidID(_ text: String, reason: String) -> SalesforceError {
        SalesforceError(kind: .argument, code: "INVALID_ID", message: "invalid job id \"\(text)\": \(reason)")
    }

    /// A bad argument detected before any request.
    public static func badArgument(_ message: String, code: String = "BAD_ARGUMENT", jobID: String? = nil) -> SalesforceError {
        SalesforceError(kind: .argument, code: code, message: message, jobID: jobID)
    }
}
