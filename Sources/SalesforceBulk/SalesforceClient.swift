import Logging

/// The Salesforce Bulk API client behind every `sf` function: job info, close,
/// abort, delete, listings, batches and limits, one call or many at once.
///
/// Not Sendable: use it from one thread (the Lua thread). Calls block until done,
/// bounded by their timeout; HTTP goes through one long-lived libcurl multi handle.
public final class SalesforceClient {
    public let settings: ConnectionSettings
    let bulk1: Bulk1
    let bulk2: Bulk2
    private let engine: CallEngine
    private let logger: Logger

    /// The library's version, sent in the `User-Agent`.
    public static let version = "0.1.0"

    public init(
        settings: ConnectionSettings, logger: Logger = Logger(label: "sfjobs.salesforce"),
        interruption: (any Interruption)? = nil, retryPolicy: RetryPolicy = .standard
    ) {
        self.settings = settings
        self.logger = logger
        bulk1 = Bulk1(apiVersion: settings.apiVersion)
        bulk2 = Bulk2(apiVersion: settings.apiVersion)
        engine = CallEngine(
            userAgent: "sfjobs/\(Self.version)",
            authenticator: Authenticator(settings: settings), retryPolicy: retryPolicy, interruption: interruption,
            logger: logger)
    }

    /// The `api-usage` of the last `Sforce-Limit-Info` header Salesforce sent.
    public var apiUsage: (used: Int, limit: Int)? { engine.apiUsage }

    /// The instance URL of the current session, once there is one.
    public var instanceURL: String? { engine.authenticator.session?.instance.url }

    /// The login flow used when a session must be obtained or refreshed (nil for an external session).
    public var loginFlow: LoginFlow? { engine.authenticator.flow }

    /// Reads a job. An unknown type tries Bulk 2.0 ingest, then query, then Bulk 1.0;
    /// when none has it: `rest` error `NOT_FOUND`, status 404.
    public func jobInfo(_ id: JobID, type: JobTypeHint = .unknown, timeoutMilliseconds: Int? = nil) throws(SalesforceError) -> Job {
        try perform(JobInfoPlan(lookup: lookup(id, type)), timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Closes or aborts a job and returns the job Salesforce answered. In a dry run,
    /// reads the job and returns it without changing it.
    public func closeJob(
        _ id: JobID, state: TargetState, type: JobTypeHint = .unknown, timeoutMilliseconds: Int? = nil
    ) throws(SalesforceError) -> Job {
        try perform(closePlan(id, state: state, type: type), timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Deletes a Bulk 2.0 job. In a dry run, reads the job and returns it; otherwise returns nil.
    @discardableResult
    public func deleteJob(_ id: JobID, type: JobTypeHint = .unknown, timeoutMilliseconds: Int? = nil) throws(SalesforceError) -> Job? {
        try perform(DeletePlan(lookup: lookup(id, type), hint: type, dryRun: settings.dryRun), timeoutMilliseconds: timeoutMilliseconds)
    }

    /// The job listing for `filter`, page by page; nothing is requested before the first `next()`.
    public func jobPages(_ filter: JobFilter) -> JobPages { JobPages(client: self, filter: filter) }

    /// The batches of a Bulk 1.0 job.
    public func batches(_ id: JobID, timeoutMilliseconds: Int? = nil) throws(SalesforceError) -> [Batch] {
        let plan = ValuePlan(bulk1.batches(id), jobID: id.value) { (response) throws(SalesforceError) in
            guard let batches = JobDecoding.batches(from: response.body) else {
                throw ErrorMapping.badResponse(response, expected: "a batchInfoList", jobID: id.value)
            }
            return batches
        }
        return try perform(plan, timeoutMilliseconds: timeoutMilliseconds)
    }

    /// The org's limits (`/limits`): each limit's `Max` and `Remaining`, as Salesforce sent them.
    public func limits(timeoutMilliseconds: Int? = nil) throws(SalesforceError) -> [(name: String, value: JSONValue)] {
        let plan = ValuePlan(bulk2.limits()) { (response) throws(SalesforceError) in
            guard let members = JSONValue.parse(response.body)?.members else {
                throw ErrorMapping.badResponse(response, expected: "an object of limits", jobID: nil)
            }
            return members.map { (name: $0.key, value: $0.value) }
        }
        return try perform(plan, timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Reads many jobs at once over the shared connections: one result per id, in input
    /// order; invalid ids give `argument` errors without a request.
    public func jobInfos(
        _ ids: [String], type: JobTypeHint = .unknown, concurrency: Int = 8, timeoutMilliseconds: Int? = nil
    ) -> [Result<Job, SalesforceError>] {
        many(ids, concurrency: concurrency, timeoutMilliseconds: timeoutMilliseconds) { id in
            JobInfoPlan(lookup: lookup(id, type))
        } result: { $0.result }
    }

    /// Closes or aborts many jobs at once: one result per id, in input order.
    public func closeJobs(
        _ ids: [String], state: TargetState, type: JobTypeHint = .unknown, concurrency: Int = 8, timeoutMilliseconds: Int? = nil
    ) -> [Result<Job, SalesforceError>] {
        many(ids, concurrency: concurrency, timeoutMilliseconds: timeoutMilliseconds) { id in
            closePlan(id, state: state, type: type)
        } result: { $0.result }
    }

    // MARK: - Running plans

    /// Runs one plan and returns its value.
    func perform<Plan: CallPlan, Value>(_ plan: Plan, timeoutMilliseconds: Int? = nil) throws(SalesforceError) -> Value
    where Plan: ResultPlan, Plan.Value == Value {
        engine.run([plan], timeoutMilliseconds: timeoutMilliseconds ?? settings.timeoutMilliseconds)
        guard let result = plan.result else {
            throw SalesforceError(kind: .protocol, code: "BAD_RESPONSE", message: "the call ended without a result", jobID: plan.jobID)
        }
        return try result.get()
    }

    private func many<Plan: CallPlan>(
        _ ids: [String], concurrency: Int, timeoutMilliseconds: Int?, plan make: (JobID) -> Plan,
        result: (Plan) -> Result<Job, SalesforceError>?
    ) -> [Result<Job, SalesforceError>] {
        var results = [Result<Job, SalesforceError>?](repeating: nil, count: ids.count)
        var plans: [(index: Int, plan: Plan)] = []
        for (index, text) in ids.enumerated() {
            do throws(SalesforceError) {
                plans.append((index, make(try JobID(text))))
            } catch {
                results[index] = .failure(error.about(job: text))
            }
        }
        engine.run(plans.map(\.plan), timeoutMilliseconds: timeoutMilliseconds ?? settings.timeoutMilliseconds, concurrency: concurrency)
        for (index, plan) in plans {
            results[index] = result(plan)
                ?? .failure(SalesforceError(kind: .protocol, code: "BAD_RESPONSE", message: "the call ended without a result", jobID: plan.jobID))
        }
        return results.map { $0! }
    }

    private func lookup(_ id: JobID, _ type: JobTypeHint) -> JobLookup {
        JobLookup(id: id, hint: type, bulk1: bulk1, bulk2: bulk2)
    }

    private func closePlan(_ id: JobID, state: TargetState, type: JobTypeHint) -> ClosePlan {
        ClosePlan(lookup: lookup(id, type), target: state, hint: type, dryRun: settings.dryRun)
    }
}

/// A plan that records a typed result.
protocol ResultPlan: AnyObject {
    associatedtype Value
    var result: Result<Value, SalesforceError>? { get }
}

extension JobInfoPlan: ResultPlan {}
extension ClosePlan: ResultPlan {}
extension DeletePlan: ResultPlan {}
extension ValuePlan: ResultPlan {}
