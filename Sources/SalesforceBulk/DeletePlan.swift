/// Deletes a Bulk 2.0 job (DELETE, 204). An unknown type tries ingest, then query; when neither has
/// the job, one read of Bulk 1.0 tells a classic job (which cannot be deleted: an `argument` error, as a
/// dry run reports it) from no job at all (`NOT_FOUND`). A 404 after a retried attempt that may have
/// arrived means the job is gone: success. In a dry run the job is only read, and returned.
final class DeletePlan: CallPlan {
    private let id: JobID
    private let bulk2: Bulk2
    private var candidates: [Bulk2.Kind]
    private var index = 0
    private var perhapsDeleted = false
    private var lookup: JobLookup?
    /// After both Bulk 2.0 DELETEs found nothing: the read that asks Bulk 1.0 about the id.
    private var classicCheck: JobLookup?
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
        if !dryRun && candidates.count > 1 {
            classicCheck = JobLookup(id: lookup.id, hint: .classic, bulk1: lookup.bulk1, bulk2: lookup.bulk2)
        }
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
            let checkingClassic = candidates.count > 1 && index == candidates.count
            switch outcome {
            case .found(let job, let api):
                if api == .classic || job.jobType == .classic {
                    return finish(.failure(Self.classicRefused(jobID)))
                }
                return finish(.success(job))
            case .next(let request): return .send(request)
            case .failed(let error):
                // After both DELETEs found nothing, a failed Bulk 1.0 read still means: no job to delete.
                return finish(.failure(checkingClassic ? Self.notFound(jobID) : error))
            }
        }
        if response.isSuccess { return finish(.success(nil)) }
        if response.status == 404 {
            perhapsDeleted = perhapsDeleted || mayHaveArrived
            index += 1
            if index < candidates.count { return .send(bulk2.delete(candidates[index], id)) }
            if perhapsDeleted { return finish(.success(nil)) }
            if let classicCheck {
                self.lookup = classicCheck
                self.classicCheck = nil
                return .send(classicCheck.request)
            }
        }
        return finish(.failure(ErrorMapping.error(for: response, jobID: jobID)))
    }

    func fail(_ error: SalesforceError) { result = .failure(error) }

    private static func notFound(_ jobID: String?) -> SalesforceError {
        SalesforceError(
            kind: .rest, code: "NOT_FOUND",
            message: "no Bulk API job has this id (tried Bulk 2.0 ingest, Bulk 2.0 query and Bulk 1.0)", status: 404, jobID: jobID)
    }

    private static func classicRefused(_ jobID: String?) -> SalesforceError {
        .badArgument("Bulk API 1.0 jobs cannot be deleted", jobID: jobID)
    }

    private func finish(_ outcome: Result<Job?, SalesforceError>) -> PlanStep {
        result = outcome
        return .done
    }
}
