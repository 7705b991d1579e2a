/// A request in Salesforce's terms: which server and which credential header.
/// ``CallEngine`` turns it into an ``HTTPRequest``. Every request may be repeated
/// after a transient failure; state changes learn when an earlier attempt may have
/// arrived (``CallPlan/receive(_:mayHaveArrived:)``) and treat the answer accordingly.
struct APIRequest {
    enum Target {
        /// A path on the instance, starting with `/`.
        case instance(String)
        /// A path on the login server, starting with `/`.
        case login(String)
    }

    enum Credential {
        case none
        /// `Authorization: Bearer` (REST, Bulk 2.0).
        case bearer
        /// `X-SFDC-Session` (Bulk 1.0).
        case sessionHeader
    }

    var method: HTTPRequest.Method
    var target: Target
    var credential: Credential
    var headers: [String]
    var body: [UInt8]?
    /// Whether to ask for the answer compressed: only answers that can run long (job lists, batch
    /// lists, limits) are worth it; a single job's answer is under a kilobyte.
    var compressible = false

    static func get(
        _ path: String, credential: Credential, accept: String = "application/json", compressible: Bool = false
    ) -> APIRequest {
        APIRequest(
            method: .get, target: .instance(path), credential: credential, headers: ["Accept: " + accept], body: nil,
            compressible: compressible)
    }
}

/// What a plan does next.
enum PlanStep {
    case send(APIRequest)
    case done
}

/// One logical call (a job read, a close, a page of a list, a login) as a series
/// of requests. ``CallEngine`` runs plans, many at once, and takes care of
/// retries, session refresh, deadlines and interruption; a plan sees only the
/// answers that are final, and records its own result.
protocol CallPlan: AnyObject {
    /// The job the call is about, for error reports.
    var jobID: String? { get }
    /// The first step.
    func start() -> PlanStep
    /// The next step after a final answer to the last request; `mayHaveArrived`
    /// says an earlier attempt of that request failed after it may have reached Salesforce.
    func receive(_ response: HTTPResponse, mayHaveArrived: Bool) -> PlanStep
    /// Ends the call with `error`.
    func fail(_ error: SalesforceError)
}

extension HTTPResponse {
    /// A 2xx status.
    var isSuccess: Bool { (200..<300).contains(status) }
}
