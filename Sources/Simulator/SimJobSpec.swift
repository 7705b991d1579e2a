/// A description of a job to place in the simulated org: its kind, state, age
/// and what it carries. Every field has a sensible default.
public struct SimJobSpec: Sendable {
    public var jobType: SimJobType
    /// The job's state; nil means where a new job starts (`Open`, or `UploadComplete` for Bulk 2.0 queries).
    public var state: String?
    public var object: String
    /// nil means `insert` for ingest jobs and `query` for query jobs.
    public var operation: String?
    /// How long ago, in simulated seconds, the job was created.
    public var ageSeconds: Double
    /// A Bulk 1.0 query job split into chunk batches (`Sforce-Enable-PKChunking`).
    public var pkChunking: Bool
    public var chunkSize: Int
    /// How many batches a classic job carries; nil means one for queries, two for ingest.
    public var batches: Int?
    public var records: Int
    /// Where a job still being processed ends: `JobComplete` or `Failed`.
    public var outcome: String
    public var errorMessage: String?
    public var createdById: String?
    public var contentType: String?
    public var apiVersion: String?
    public var query: String?

    public init(
        jobType: SimJobType = .v2Ingest, state: String? = nil, object: String = "Account", operation: String? = nil,
        ageSeconds: Double = 0, pkChunking: Bool = false, chunkSize: Int = 100_000, batches: Int? = nil,
        records: Int = 1000, outcome: String = "JobComplete", errorMessage: String? = nil, createdById: String? = nil,
        contentType: String? = nil, apiVersion: String? = nil, query: String? = nil
    ) {
        self.jobType = jobType
        self.state = state
        self.object = object
        self.operation = operation
        self.ageSeconds = ageSeconds
        self.pkChunking = pkChunking
        self.chunkSize = chunkSize
        self.batches = batches
        self.records = records
        self.outcome = outcome
        self.errorMessage = errorMessage
        self.createdById = createdById
        self.contentType = contentType
        self.apiVersion = apiVersion
        self.query = query
    }
}
