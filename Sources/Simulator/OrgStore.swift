import SalesforceBulk

/// The jobs of the simulated org and its clock, shared by every route.
final class OrgStore: Sendable {
    /// How long simulated processing takes.
    struct Timing: Sendable {
        var queueSeconds: Double
        var processingSeconds: Double
    }

    /// Which list endpoint is asking, and its query parameters.
    struct ListFilter: Sendable {
        var queryEndpoint: Bool
        var jobType: String?
        var pkChunking: Bool?
        var concurrencyMode: String?
    }

    /// One page of a job list.
    struct Page {
        var jobs: [SimJob]
        var nextLocator: String?
    }

    /// Terminal jobs disappear this long after they last changed (Salesforce's 7-day cleanup).
    static let retentionSeconds: Double = 7 * 86_400

    let timing: Timing
    let pageSize: Int
    let apiVersion: String
    let adminUserID: String
    private let state: Locked<OrgState>

    init(clock: SimulatedClock, timing: Timing, pageSize: Int, apiVersion: String, adminUserID: String) {
        self.timing = timing
        self.pageSize = max(1, pageSize)
        self.apiVersion = apiVersion
        self.adminUserID = adminUserID
        state = Locked(OrgState(clock: clock))
    }

    var now: Double { state.withLock { $0.clock.now } }

    func advance(by seconds: Double) { state.withLock { $0.clock.advance(by: seconds) } }

    /// Places a job described by `spec` in the org and returns it as it stands now.
    @discardableResult
    func insert(_ spec: SimJobSpec) -> SimJob {
        state.withLock { org in
            let now = org.clock.now
            var job = makeJob(spec, id: org.mintJobID(), now: now)
            if job.jobType == .classic { addSeedBatches(spec, to: &job, org: &org) }
            job.settle(now: now, mintBatchID: { org.mintBatchID() })
            if job.jobType == .classic, job.state == "Aborted" {
                for index in job.batches.indices where job.batches[index].state == "Queued" {
                    job.batches[index].state = "NotProcessed"
                }
            }
            org.jobs[job.id] = job
            org.order.append(job.id)
            return job
        }
    }

    /// The job with id `id` (18 characters), brought up to date; nil when the org has none.
    func job(_ id: String) -> SimJob? {
        state.withLock { org in org.settle(id, retention: Self.retentionSeconds) }
    }

    /// Changes job `id` with `change`, which receives the current simulated time.
    func update(_ id: String, _ change: (inout SimJob, Double) throws(OrgError) -> Void) throws(OrgError) -> SimJob {
        try state.withLock { (org: inout OrgState) throws(OrgError) -> SimJob in
            guard var job = org.settle(id, retention: Self.retentionSeconds) else { throw .notFound }
            try change(&job, org.clock.now)
            job.settle(now: org.clock.now, mintBatchID: { org.mintBatchID() })
            org.jobs[id] = job
            return job
        }
    }

    /// Adds a batch to classic job `id`, the way `POST /job/{id}/batch` does.
    func addBatch(to id: String, records: Int) throws(OrgError) -> (SimJob, SimBatch) {
        try state.withLock { (org: inout OrgState) throws(OrgError) -> (SimJob, SimBatch) in
            guard var job = org.settle(id, retention: Self.retentionSeconds), job.jobType == .classic else {
                throw .notFound
            }
            let now = org.clock.now
            guard job.state == "Open" else { throw .invalidJobState("Job \(id) is not open") }
            guard now - job.createdDate < 86_400 else {
                throw .invalidBatch("Batches cannot be added to a job older than 24 hours")
            }
            let chunked = job.pkChunking && job.isQuery && job.batches.isEmpty
            let batch = SimBatch(
                id: org.mintBatchID(), state: "Queued", createdDate: now, systemModstamp: now, startsAt: now + 1,
                finishesAt: now + 1 + timing.processingSeconds / 2, outcome: chunked ? "NotProcessed" : "Completed",
                records: records)
            job.batches.append(batch)
            job.systemModstamp = now
            org.jobs[id] = job
            return (job, batch)
        }
    }

    /// Removes job `id` if `allowed` says its state permits it.
    func delete(_ id: String, allowed: (SimJob) -> Bool) throws(OrgError) {
        try state.withLock { (org: inout OrgState) throws(OrgError) in
            guard let job = org.settle(id, retention: Self.retentionSeconds) else { throw .notFound }
            guard allowed(job) else { throw .notTerminated }
            org.remove(id)
        }
    }

    /// The first page of the jobs that `filter` selects, oldest first.
    func list(_ filter: ListFilter) -> Page {
        state.withLock { org in
            let ids = org.settleAll(retention: Self.retentionSeconds).filter { id in
                guard let job = org.jobs[id] else { return false }
                return Self.matches(job, filter)
            }
            return org.page(of: ids, from: 0, size: pageSize, cursor: nil)
        }
    }

    /// The page that `locator` (from `nextRecordsUrl`) points at; nil for a locator the org never issued.
    func page(at locator: String) -> Page? {
        state.withLock { org in
            let parts = locator.split(separator: "-")
            guard parts.count == 2, let offset = Int(parts[1]), let ids = org.cursors[String(parts[0])] else {
                return nil
            }
            _ = org.settleAll(retention: Self.retentionSeconds)
            return org.page(of: ids, from: offset, size: pageSize, cursor: String(parts[0]))
        }
    }

    private static func matches(_ job: SimJob, _ filter: ListFilter) -> Bool {
        let listed =
            filter.queryEndpoint ? (job.jobType == .v2Query || job.jobType == .classic) : job.jobType != .v2Query
        guard listed else { return false }
        if let type = filter.jobType, type.caseInsensitiveCompare(job.jobType.rawValue) != .orderedSame { return false }
        if let pk = filter.pkChunking, pk != job.pkChunking { return false }
        if let mode = filter.concurrencyMode, mode.caseInsensitiveCompare(job.concurrencyMode) != .orderedSame {
            return false
        }
        return true
    }

    private func makeJob(_ spec: SimJobSpec, id: String, now: Double) -> SimJob {
        let created = now - max(0, spec.ageSeconds)
        let operation = spec.operation ?? (spec.jobType == .v2Query || spec.pkChunking ? "query" : "insert")
        let isQuery = operation == "query" || operation == "queryAll"
        let state = spec.state ?? (spec.jobType == .v2Query ? "UploadComplete" : "Open")
        let failure = spec.errorMessage ?? (isQuery ? SeedData.queryFailure : SeedData.ingestFailure)
        var job = SimJob(
            id: id, jobType: spec.jobType, operation: operation, object: spec.object,
            createdById: spec.createdById ?? adminUserID, createdDate: created, systemModstamp: created, state: state,
            contentType: spec.contentType ?? "CSV", apiVersion: spec.apiVersion ?? apiVersion,
            plan: ProcessingPlan(
                duration: timing.processingSeconds, outcome: spec.outcome, records: spec.records,
                failedRecords: isQuery ? 0 : spec.records / 100, errorMessage: failure))
        job.pkChunking = spec.pkChunking
        job.chunkSize = max(1, spec.chunkSize)
        job.query = spec.query ?? (isQuery ? "SELECT Id, Name FROM \(spec.object)" : nil)
        if spec.operation == "upsert" { job.externalIdFieldName = "External_Id__c" }
        guard spec.jobType != .classic else { return job }
        job.uploads = state == "Open" ? 0 : 1
        let finished = created + min(max(0, spec.ageSeconds), 60 + timing.processingSeconds)
        switch state {
        case "UploadComplete":
            job.plan.startsAt = now + timing.queueSeconds
        case "InProgress":
            job.plan.startsAt = now
            job.systemModstamp = now
        case "JobComplete", "Failed":
            job.plan.outcome = state
            job.plan.startsAt = finished - timing.processingSeconds
            job.state = "InProgress"
            job.retries = state == "Failed" && !isQuery ? 1 : 0
            job.settle(now: finished, mintBatchID: { "" })
        case "Aborted":
            job.systemModstamp = finished
        default:
            break
        }
        return job
    }

    /// Gives a classic job the batches a client would have added, timed from its creation.
    private func addSeedBatches(_ spec: SimJobSpec, to job: inout SimJob, org: inout OrgState) {
        let count = spec.batches ?? (job.isQuery ? 1 : 2)
        guard count > 0 else { return }
        let failed = spec.state == "Failed"
        for index in 0..<count {
            let created = job.createdDate + 1 + Double(index)
            let chunked = job.pkChunking && job.isQuery && index == 0
            var batch = SimBatch(
                id: org.mintBatchID(), state: "Queued", createdDate: created, systemModstamp: created,
                startsAt: created + 1, finishesAt: created + 1 + timing.processingSeconds / 2,
                outcome: chunked ? "NotProcessed" : (failed ? "Failed" : "Completed"),
                records: chunked ? spec.records : spec.records / count)
            if failed { batch.stateMessage = spec.errorMessage ?? SeedData.ingestFailure }
            job.batches.append(batch)
        }
    }
}

/// The mutable part of the org, only touched under the store's lock.
struct OrgState {
    var clock: SimulatedClock
    var jobs: [String: SimJob] = [:]
    var order: [String] = []
    var cursors: [String: [String]] = [:]
    var cursorOrder: [String] = []
    var nextJob: UInt64 = 0
    var nextBatch: UInt64 = 0
    var nextCursor: UInt64 = 0

    static let maximumCursors = 200

    mutating func mintJobID() -> String {
        nextJob += 1
        return SalesforceID(prefix: "750", counter: 4_000_000 + nextJob).value
    }

    mutating func mintBatchID() -> String {
        nextBatch += 1
        return SalesforceID(prefix: "751", counter: 9_000_000 + nextBatch).value
    }

    /// Brings one job up to date; drops it (and answers nil) once its retention is over.
    mutating func settle(_ id: String, retention: Double) -> SimJob? {
        settle(id, now: clock.now, retention: retention)
    }

    /// Brings every job up to date and answers the ids still present, oldest first.
    mutating func settleAll(retention: Double) -> [String] {
        let now = clock.now
        for id in order { _ = settle(id, now: now, retention: retention) }
        return order
    }

    private mutating func settle(_ id: String, now: Double, retention: Double) -> SimJob? {
        guard var job = jobs[id] else { return nil }
        let wasTerminal = job.isTerminal
        if !wasTerminal {
            job.settle(now: now, mintBatchID: { self.mintBatchID() })
        }
        if job.isTerminal, now - job.systemModstamp > retention {
            remove(id)
            return nil
        }
        if !wasTerminal { jobs[id] = job }
        return job
    }

    mutating func remove(_ id: String) {
        jobs[id] = nil
        order.removeAll { $0 == id }
    }

    /// `size` jobs of `ids` from `offset`, opening a cursor when more remain.
    mutating func page(of ids: [String], from offset: Int, size: Int, cursor: String?) -> OrgStore.Page {
        let slice = ids.dropFirst(offset).prefix(size)
        let jobs = slice.compactMap { self.jobs[$0] }
        let end = offset + slice.count
        guard end < ids.count else { return OrgStore.Page(jobs: jobs, nextLocator: nil) }
        let name = cursor ?? openCursor(ids)
        return OrgStore.Page(jobs: jobs, nextLocator: "\(name)-\(end)")
    }

    private mutating func openCursor(_ ids: [String]) -> String {
        nextCursor += 1
        let name = String(SalesforceID(prefix: "01g", counter: 5_000_000 + nextCursor).value.prefix(15))
        cursors[name] = ids
        cursorOrder.append(name)
        if cursorOrder.count > Self.maximumCursors { cursors[cursorOrder.removeFirst()] = nil }
        return name
    }
}
