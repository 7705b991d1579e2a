import SalesforceBulk

/// Everything the simulated org is made of: its jobs and clock, sessions,
/// pending faults and request log. The routes, the control API and
/// ``SimulatorServer`` all work on this one value.
final class SimulatedOrg: Sendable {
    let jobs: OrgStore
    let auth: AuthStore
    let faults = FaultBook()
    let log = RequestLog()
    private let base = Locked("")
    private let endlessHeaders = Locked("")

    init(_ options: SimulatorOptions, now: Double) {
        auth = AuthStore(
            seed: options.seed, apiLimit: options.dailyApiRequests, apiUsed: options.jobs > 0 ? 18_342 : 0)
        jobs = OrgStore(
            clock: SimulatedClock(origin: options.startTime ?? now, speed: max(0, options.clockSpeed)),
            timing: .init(queueSeconds: options.queueSeconds, processingSeconds: options.processingSeconds),
            pageSize: options.pageSize, apiVersion: options.apiVersion, adminUserID: auth.credentials.userID)
        let users = SeedData.users(admin: auth.credentials.userID)
        for spec in SeedData.specs(count: options.jobs, seed: options.seed, users: users) { jobs.insert(spec) }
    }

    /// The instance and login URL, known once the server listens.
    var baseURL: String {
        get { base.withLock { $0 } }
        set { base.withLock { $0 = newValue } }
    }

    /// The URL of the ``EndlessHeadersListener``, known once it listens.
    var endlessHeadersURL: String {
        get { endlessHeaders.withLock { $0 } }
        set { endlessHeaders.withLock { $0 = newValue } }
    }

    func createJob(_ spec: SimJobSpec) -> SimulatedJob { SimulatedJob(jobs.insert(spec)) }

    func job(_ id: String) -> SimulatedJob? {
        guard let id = SalesforceID(id) else { return nil }
        return jobs.job(id.value).map(SimulatedJob.init)
    }
}
