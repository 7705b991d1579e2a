/// Closes or aborts a job, by the contract's rules:
/// Bulk 1.0 POSTs the jobInfo state; Bulk 2.0 ingest PATCHes `UploadComplete`
/// (Closed) or `Aborted`; Bulk 2.0 query can only be Aborted. With an unknown type
/// (or in a dry run) the job is read first to learn its API. A state error after a
/// retried attempt that may have arrived is checked against the job: if it is
/// already where the call wanted it, the call succeeded.
final class ClosePlan: CallPlan {
    private var lookup: JobLookup
    private let target: TargetState
    private let dryRun: Bool
    private var phase = Phase.lookup
    private(set) var result: Result<Job, SalesforceError>?

    private enum Phase {
        case lookup
        case change(JobAPI)
        case verify(JobAPI, SalesforceError)
    }

    init(lookup: JobLookup, target: TargetState, hint: JobTypeHint, dryRun: Bool) {
        self.lookup = lookup
        self.target = target
        self.dryRun = dryRun
        if hint == .query && target == .closed {
            result = .failure(Self.queryCannotClose(lookup.id.value))
        } else if !dryRun, hint != .unknown {
            phase = .change(JobAPI.candidates(hint)[0])
        }
    }

    var jobID: String? { lookup.id.value }

    func start() -> PlanStep {
        if result != nil { return .done }
        switch phase {
        case .lookup: return .send(lookup.request)
        case .change(let api): return change(api)
        case .verify: return .done
        }
    }

    func receive(_ response: HTTPResponse, mayHaveArrived: Bool) -> PlanStep {
        switch phase {
        case .lookup:
            switch lookup.receive(response) {
            case .found(let job, let api):
                let owner = job.jobType == .classic ? JobAPI.classic : api
                if dryRun {
                    if owner == .query && target == .closed {
                        return finish(.failure(Self.queryCannotClose(jobID)))
                    }
                    return finish(.success(job))
                }
                return change(owner)
            case .next(let request):
                return .send(request)
            case .failed(let error):
                return finish(.failure(error))
            }
        case .change(let api):
            if response.isSuccess { return finish(JobLookup.job(in: response, api: api, id: lookup.id)) }
            let error = ErrorMapping.error(for: response, jobID: jobID)
            if mayHaveArrived && (error.code == "INVALIDJOBSTATE" || error.code == "InvalidJobState") {
                phase = .verify(api, error)
                return .send(JobLookup.infoRequest(api, lookup.id, bulk1: lookup.bulk1, bulk2: lookup.bulk2))
            }
            return finish(.failure(error))
        case .verify(let api, let stateError):
            guard response.isSuccess else { return finish(.failure(stateError)) }
            switch JobLookup.job(in: response, api: api, id: lookup.id) {
            case .success(let job) where job.state.map({ reached($0, api: api) }) == true: return finish(.success(job))
            case .success: return finish(.failure(stateError))
            case .failure(let error): return finish(.failure(error))
            }
        }
    }

    func fail(_ error: SalesforceError) { result = .failure(error) }

    private func change(_ api: JobAPI) -> PlanStep {
        phase = .change(api)
        switch api {
        case .classic:
            return .send(lookup.bulk1.setState(lookup.id, to: target))
        case .ingest:
            return .send(lookup.bulk2.setState(.ingest, lookup.id, to: target == .closed ? "UploadComplete" : "Aborted"))
        case .query:
            guard target == .aborted else { return finish(.failure(Self.queryCannotClose(jobID))) }
            return .send(lookup.bulk2.setState(.query, lookup.id, to: "Aborted"))
        }
    }

    /// Whether a job in `state` is where this close wanted it (an ingest job closed for
    /// upload may already have moved on to processing).
    private func reached(_ state: String, api: JobAPI) -> Bool {
        switch (api, target) {
        case (_, .aborted): state == "Aborted"
        case (.ingest, .closed): ["UploadComplete", "InProgress", "JobComplete"].contains(state)
        default: state == "Closed"
        }
    }

    private func finish(_ outcome: Result<Job, SalesforceError>) -> PlanStep {
        result = outcome
        return .done
    }

    static func queryCannotClose(_ jobID: String?) -> SalesforceError {
        .badArgument("a Bulk 2.0 query job cannot be Closed, only Aborted", code: "INVALID_STATE", jobID: jobID)
    }
}
