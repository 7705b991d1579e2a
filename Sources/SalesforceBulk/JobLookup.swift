/// Which API holds a job: Bulk 2.0 ingest, Bulk 2.0 query, or Bulk 1.0.
enum JobAPI: CaseIterable {
    case ingest, query, classic

    /// The APIs to try for a hint, in order: unknown tries ingest, then query, then classic.
    static func candidates(_ hint: JobTypeHint) -> [JobAPI] {
        switch hint {
        case .unknown: [.ingest, .query, .classic]
        case .ingest: [.ingest]
        case .query: [.query]
        case .classic: [.classic]
        }
    }

    /// The API whose endpoints serve a job of `type`.
    init(_ type: JobType) {
        switch type {
        case .v2Ingest, .bigObjectIngest: self = .ingest
        case .v2Query: self = .query
        case .classic: self = .classic
        }
    }

    var fallbackType: JobType {
        switch self {
        case .ingest: .v2Ingest
        case .query: .v2Query
        case .classic: .classic
        }
    }

    /// Whether an answer of this API means "no such job here": 404, or Bulk 1.0's 400 `InvalidJob`.
    func isNotFound(_ response: HTTPResponse) -> Bool {
        if response.status == 404 { return true }
        guard self == .classic, response.status == 400, let (code, _, _) = ErrorMapping.codeAndMessage(response.body) else {
            return false
        }
        return code == "InvalidJob"
    }
}

/// Finds a job by trying the candidate APIs in order; shared by every plan that reads a job first.
struct JobLookup {
    let id: JobID
    let bulk1: Bulk1
    let bulk2: Bulk2
    private let candidates: [JobAPI]
    private var index = 0

    enum Outcome {
        case found(Job, JobAPI)
        case next(APIRequest)
        case failed(SalesforceError)
    }

    init(id: JobID, hint: JobTypeHint, bulk1: Bulk1, bulk2: Bulk2) {
        self.id = id
        self.bulk1 = bulk1
        self.bulk2 = bulk2
        candidates = JobAPI.candidates(hint)
    }

    var current: JobAPI { candidates[index] }

    /// The request that asks the current candidate.
    var request: APIRequest { Self.infoRequest(current, id, bulk1: bulk1, bulk2: bulk2) }

    static func infoRequest(_ api: JobAPI, _ id: JobID, bulk1: Bulk1, bulk2: Bulk2) -> APIRequest {
        switch api {
        case .ingest: bulk2.info(.ingest, id)
        case .query: bulk2.info(.query, id)
        case .classic: bulk1.info(id)
        }
    }

    /// The job in a successful answer of `api` about job `id`; a `protocol` error `BAD_RESPONSE` when the
    /// answer is no job, gives a field a type the contract does not, or is about another job.
    static func job(in response: HTTPResponse, api: JobAPI, id: JobID) -> Result<Job, SalesforceError> {
        guard let job = JobDecoding.job(from: response.body, fallback: api.fallbackType) else {
            return .failure(ErrorMapping.badResponse(response, expected: "a job", jobID: id.value))
        }
        if let problem = JobFieldTypes.problem(of: job, body: response.body) {
            return .failure(
                SalesforceError(kind: .protocol, code: "BAD_RESPONSE", message: "the job's \(problem)", status: response.status, jobID: id.value))
        }
        guard let answered = job.id, answered == id.value || SalesforceID(answered)?.value == id.value else {
            let other = job.id.map { Redaction.redact(String($0.prefix(40)), truncated: $0.count > 40) } ?? "?"
            return .failure(
                SalesforceError(
                    kind: .protocol, code: "BAD_RESPONSE", message: "the answer is about job \(other), not \(id.value)",
                    status: response.status, jobID: id.value))
        }
        return .success(job)
    }

    /// What an answer of the current candidate means.
    mutating func receive(_ response: HTTPResponse) -> Outcome {
        if response.isSuccess {
            switch Self.job(in: response, api: current, id: id) {
            case .success(let job): return .found(job, current)
            case .failure(let error): return .failed(error)
            }
        }
        if current.isNotFound(response) && candidates.count > 1 {
            index += 1
            if index < candidates.count { return .next(request) }
            return .failed(
                SalesforceError(
                    kind: .rest, code: "NOT_FOUND",
                    message: "no Bulk API job has this id (tried Bulk 2.0 ingest, Bulk 2.0 query and Bulk 1.0)",
                    status: 404, jobID: id.value))
        }
        return .failed(ErrorMapping.error(for: response, jobID: id.value))
    }
}

/// Reads one job (`jobInfo`).
final class JobInfoPlan: CallPlan {
    private var lookup: JobLookup
    private(set) var result: Result<Job, SalesforceError>?

    init(lookup: JobLookup) { self.lookup = lookup }

    var jobID: String? { lookup.id.value }

    func start() -> PlanStep { .send(lookup.request) }

    func receive(_ response: HTTPResponse, mayHaveArrived: Bool) -> PlanStep {
        switch lookup.receive(response) {
        case .found(let job, _):
            result = .success(job)
            return .done
        case .next(let request):
            return .send(request)
        case .failed(let error):
            result = .failure(error)
            return .done
        }
    }

    func fail(_ error: SalesforceError) { result = .failure(error) }
}
