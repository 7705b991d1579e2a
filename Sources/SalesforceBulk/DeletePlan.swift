/// Deletes a Bulk 2.0 job (DELETE, 204). An unknown type tries ingest, then query.
/// A 404 after a retried attempt that may have arrived means the job is gone: success.
/// In a dry run the job is only read, and returned.
final class DeletePlan: CallPlan {
    private let id: JobID
    private let bulk2: Bulk2
    private var candidates: [Bulk2.Kind]
    private var index = 0
    private var perhapsDeleted = false
    private var lookup: JobLookup?
    /// The job in a dry run, nil after a real delete.
    private(set) var result: Result<Job?, SalesforceError>?

    init(lookup: JobLookup, hint: JobTypeHint, dryRun: Bool) {
        id = lookup.id
        bulk2 = lookup.bulk2
        switch hint {
        case .ingest: candidates = [.ingest]
        case .query: candidates = [.query]
        default: candidates = [.ingest, .query]
        }
        self.lookup = dryRun ? lookup : nil
        if hint == .classic { result = .failure(Self.classicRefused(id.value)) }
    }

    var jobID: String? { id.value }

    func start() -> PlanStep {
        if result != nil { return .done }
        if let lookup { return .send(lookup.request) }
        return .send(bulk2.delete(candidates[0], id))
    }

    func receive(_ response: HTTPResponse, mayHaveArrived: Bool) -> PlanStep {
        if var lookup {
            let outcome = lookup.receive(response)
            self.lookup = lookup
            switch outcome {
            case .found(let job, let api):
                if api == .classic || job.jobType == .classic {
                    return finish(.failure(Self.classicRefused(jobID)))
                }
                return finish(.success(job))
            case .next(let request): return .send(request)
            case .failed(let error): return finish(.failure(error))
            }
        }
        if response.isSuccess { return finish(.success(nil)) }
        if response.status == 404 {
            perhapsDeleted = perhapsDeleted || mayHaveArrived
            index += 1
            if index < candidates.count { return .send(bulk2.delete(candidates[index], id)) }
            if perhapsDeleted { return finish(.success(nil)) }
            if candidates.count > 1 {
                return finish(
                    .failure(
                        SalesforceError(
                            kind: .rest, code: "NOT_FOUND", message: "no Bulk API 2.0 job has this id (tried ingest and query)",
                            status: 404, jobID: jobID)))
            }
        }
        return finish(.failure(ErrorMapping.error(for: response, jobID: jobID)))
    }

    func fail(_ error: SalesforceError) { result = .failure(error) }

    private static func classicRefused(_ jobID: String?) -> SalesforceError {
        .badArgument("Bulk API 1.0 jobs cannot be deleted", jobID: jobID)
    }

    private func finish(_ outcome: Result<Job?, SalesforceError>) -> PlanStep {
        result = outcome
        return .done
    }
}
