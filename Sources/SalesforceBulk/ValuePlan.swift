/// One request whose successful answer is decoded into a value (batch lists, limits, list pages).
final class ValuePlan<Value>: CallPlan {
    private let request: APIRequest
    private let decode: (HTTPResponse) throws(SalesforceError) -> Value
    let jobID: String?
    // The outcome is kept as two optionals rather than a `Result?`: for `JobPages.Page`, the optimizer
    // tested the tag of a stored `Result?` with a 16-bit load whose upper byte it never wrote (valgrind).
    private var value: Value?
    private var failure: SalesforceError?

    /// The outcome, once the call ended.
    var result: Result<Value, SalesforceError>? {
        if let failure { return .failure(failure) }
        return value.map { .success($0) }
    }

    init(_ request: APIRequest, jobID: String? = nil, decode: @escaping (HTTPResponse) throws(SalesforceError) -> Value) {
        self.request = request
        self.jobID = jobID
        self.decode = decode
    }

    func start() -> PlanStep { .send(request) }

    func receive(_ response: HTTPResponse, mayHaveArrived: Bool) -> PlanStep {
        guard response.isSuccess else {
            failure = ErrorMapping.error(for: response, jobID: jobID)
            return .done
        }
        do throws(SalesforceError) {
            value = try decode(response)
        } catch {
            failure = error.about(job: jobID)
        }
        return .done
    }

    func fail(_ error: SalesforceError) { failure = error }
}
