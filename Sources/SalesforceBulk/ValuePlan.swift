/// One request whose successful answer is decoded into a value (batch lists, limits, list pages).
final class ValuePlan<Value>: CallPlan {
    private let request: APIRequest
    private let decode: (HTTPResponse) throws(SalesforceError) -> Value
    let jobID: String?
    private(set) var result: Result<Value, SalesforceError>?

    init(_ request: APIRequest, jobID: String? = nil, decode: @escaping (HTTPResponse) throws(SalesforceError) -> Value) {
        self.request = request
        self.jobID = jobID
        self.decode = decode
    }

    func start() -> PlanStep { .send(request) }

    func receive(_ response: HTTPResponse, mayHaveArrived: Bool) -> PlanStep {
        guard response.isSuccess else {
            result = .failure(ErrorMapping.error(for: response, jobID: jobID))
            return .done
        }
        do throws(SalesforceError) {
            result = .success(try decode(response))
        } catch {
            result = .failure(error.about(job: jobID))
        }
        return .done
    }

    func fail(_ error: SalesforceError) { result = .failure(error) }
}
