/// Which jobs a listing returns. Salesforce filters by `jobType` and PK chunking;
/// every other condition is applied by the client to each page.
public struct JobFilter: Sendable, Equatable {
    /// Which Bulk 2.0 list to read.
    public enum Source: String, Sendable, CaseIterable {
        /// `/jobs/ingest` (Bulk 2.0 ingest, big-object ingest and Bulk 1.0 jobs).
        case ingest
        /// `/jobs/query` (Bulk 2.0 query jobs and all Bulk 1.0 jobs).
        case query
        /// Both lists, each job once.
        case all
    }

    /// Every state a Salesforce bulk job can be in: Bulk 2.0's six (query jobs start at UploadComplete)
    /// and Bulk 1.0's `Closed`. A state filter naming anything else could only match no job.
    public static let jobStates = ["Open", "UploadComplete", "InProgress", "JobComplete", "Failed", "Aborted", "Closed"]

    /// The job state `name` names, in any case, as Salesforce writes it; nil for any other name.
    public static func jobState(named name: String) -> String? {
        jobStates.first { $0.lowercased() == name.lowercased() }
    }

    /// What the error refusing a name that is no job state ends with.
    public static let jobStatesListed = "is no job state; Salesforce's are \(jobStates.joined(separator: ", "))"

    public var type: Source
    /// Salesforce's `jobType` (`V2Ingest`, `V2Query`, `Classic`, `BigObjectIngest`).
    public var jobType: JobType?
    /// Accepted states (any case); empty accepts all.
    public var states: [String]
    public var object: String?
    public var operation: String?
    /// The creating user's id (`createdById`), 15 or 18 characters.
    public var createdBy: String?
    /// Only jobs created at least this many seconds ago.
    public var olderThan: Double?
    /// Only Bulk 1.0 jobs with PK chunking (true) or only jobs without it (false).
    public var pkChunking: Bool?
    /// At most this many jobs per page handed out (Salesforce sends up to 1000 per request).
    public var pageSize: Int?

    public init(
        type: Source = .all, jobType: JobType? = nil, states: [String] = [], object: String? = nil, operation: String? = nil,
        createdBy: String? = nil, olderThan: Double? = nil, pkChunking: Bool? = nil, pageSize: Int? = nil
    ) {
        self.type = type
        self.jobType = jobType
        self.states = states
        self.object = object
        self.operation = operation
        self.createdBy = createdBy
        self.olderThan = olderThan
        self.pkChunking = pkChunking
        self.pageSize = pageSize
    }

    /// The lists to read, in order.
    var sources: [Bulk2.Kind] {
        switch (type, jobType) {
        case (.ingest, _): [.ingest]
        case (.query, _): [.query]
        case (.all, .v2Ingest?), (.all, .bigObjectIngest?): [.ingest]
        case (.all, .v2Query?): [.query]
        case (.all, _): [.ingest, .query]
        }
    }

    /// The `jobType` Salesforce accepts as a filter on `list` (ingest: BigObjectIngest, Classic, V2Ingest;
    /// query: Classic, V2Query, V2Ingest); nil when it would be refused, leaving the filter to the client.
    func serverJobType(for list: Bulk2.Kind) -> JobType? {
        guard let jobType else { return nil }
        switch list {
        case .ingest: return jobType == .v2Query ? nil : jobType
        case .query: return jobType == .bigObjectIngest ? nil : jobType
        }
    }

    /// Whether `job` passes the client-side conditions at `now` (seconds since the epoch).
    func accepts(_ job: Job, now: Double) -> Bool {
        if let jobType, job.jobType != jobType { return false }
        if !states.isEmpty {
            guard let state = job.state?.lowercased(), states.contains(where: { $0.lowercased() == state }) else { return false }
        }
        if let object, job.object?.lowercased() != object.lowercased() { return false }
        if let operation, job.operation?.lowercased() != operation.lowercased() { return false }
        if let createdBy {
            guard let creator = job.createdByID, creator.prefix(15) == createdBy.prefix(15) else { return false }
        }
        if let olderThan {
            guard let created = job.createdDate.flatMap(Time.epochSeconds(of:)), now - created >= olderThan else { return false }
        }
        // Salesforce filters on isPkChunkingEnabled itself; a record that states it is checked again.
        if let pkChunking, let enabled = job["isPkChunkingEnabled"]?.boolValue, enabled != pkChunking { return false }
        return true
    }
}

/// The pages of a job listing, fetched lazily: no request before the first ``next()``,
/// one Salesforce page per call (split to the filter's page size), filters applied,
/// jobs listed by both lists returned once.
public final class JobPages {
    private let client: SalesforceClient
    public let filter: JobFilter
    private var sources: [Bulk2.Kind]
    private var nextPath: String?
    /// The paths of the pages read so far: a list that points back to one of them would never end.
    private var pagesRead: Set<String> = []
    private var seen: Set<String> = []
    private var buffer: [Job] = []
    private var exhausted = false

    init(client: SalesforceClient, filter: JobFilter) {
        self.client = client
        self.filter = filter
        sources = filter.sources
    }

    /// The next page of jobs (possibly empty when the filters drop a whole page), nil after the last.
    public func next() throws(SalesforceError) -> [Job]? {
        if let size = filter.pageSize, size > 0, buffer.count >= size || (exhausted && !buffer.isEmpty) {
            return take(size)
        }
        if exhausted {
            if buffer.isEmpty { return nil }
            defer { buffer.removeAll() }
            return buffer
        }
        let jobs = try fetch()
        if let size = filter.pageSize, size > 0 {
            buffer += jobs
            if buffer.isEmpty && exhausted { return nil }
            return take(size)
        }
        return jobs
    }

    /// Every remaining job.
    public func all() throws(SalesforceError) -> [Job] {
        var jobs: [Job] = []
        while let page = try next() { jobs += page }
        return jobs
    }

    private func take(_ size: Int) -> [Job] {
        let page = Array(buffer.prefix(size))
        buffer.removeFirst(page.count)
        return page
    }

    /// One Salesforce page, filtered.
    private func fetch() throws(SalesforceError) -> [Job] {
        guard let list = sources.first else {
            exhausted = true
            return []
        }
        let request: APIRequest
        if let nextPath {
            request = .get(nextPath, credential: .bearer, compressible: true)
        } else {
            request = client.bulk2.list(list, jobType: filter.serverJobType(for: list), pkChunking: filter.pkChunking)
        }
        if case .instance(let path) = request.target { pagesRead.insert(path) }
        let page = try client.perform(ValuePlan(request) { [client] (response) throws(SalesforceError) in
            try Self.decodePage(response, list: list, instance: client.instanceURL)
        })
        if let next = page.next, pagesRead.contains(next) {
            throw SalesforceError(
                kind: .protocol, code: "BAD_RESPONSE",
                message: "the job list repeats a page: nextRecordsUrl points back to \(Redaction.redact(next)), read already")
        }
        nextPath = page.next
        if nextPath == nil {
            sources.removeFirst()
            if sources.isEmpty { exhausted = true }
        }
        let now = Time.wallSeconds()
        var accepted: [Job] = []
        for job in page.jobs where filter.accepts(job, now: now) {
            if let id = job.id {
                guard seen.insert(id).inserted else { continue }
            }
            accepted.append(job)
        }
        return accepted
    }

    /// One page of a job list: its jobs and the path of the next page, if any.
    struct Page {
        var jobs: [Job]
        var next: String?
    }

    /// The jobs and next-page path of a list answer `{"done", "records", "nextRecordsUrl"}`.
    static func decodePage(_ response: HTTPResponse, list: Bulk2.Kind, instance: String?) throws(SalesforceError) -> Page {
        guard let json = JSONValue.parse(response.body), let records = json["records"]?.elements else {
            throw ErrorMapping.badResponse(response, expected: "a job list", jobID: nil)
        }
        var jobs: [Job] = []
        for record in records {
            guard let members = record.members,
                let job = JobDecoding.job(fields: JobDecoding.fields(of: members), fallback: list.jobType)
            else {
                throw ErrorMapping.badResponse(response, expected: "job records", jobID: nil)
            }
            if let problem = JobFieldTypes.problem(in: members) {
                throw SalesforceError(
                    kind: .protocol, code: "BAD_RESPONSE", message: "job list record \(jobs.count + 1): \(problem)", status: response.status)
            }
            jobs.append(job)
        }
        let done = json["done"].map { $0 == .bool(true) } ?? true
        guard !done, let url = json["nextRecordsUrl"]?.stringValue, !url.isEmpty else { return Page(jobs: jobs, next: nil) }
        if url.hasPrefix("/") { return Page(jobs: jobs, next: url) }
        if let instance, url.hasPrefix(instance + "/") { return Page(jobs: jobs, next: String(url.dropFirst(instance.count))) }
        throw SalesforceError(
            kind: .protocol, code: "BAD_RESPONSE", message: "nextRecordsUrl points outside the instance: \(Redaction.redact(url))",
            status: response.status)
    }
}
