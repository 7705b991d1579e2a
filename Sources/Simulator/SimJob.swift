/// The four kinds of job Salesforce lists, by their `jobType` names.
public enum SimJobType: String, Sendable, CaseIterable {
    case v2Ingest = "V2Ingest"
    case v2Query = "V2Query"
    case classic = "Classic"
    case bigObjectIngest = "BigObjectIngest"

    /// Whether the job belongs to the Bulk 2.0 ingest endpoints.
    var isV2Ingest: Bool { self == .v2Ingest || self == .bigObjectIngest }
}

/// One Bulk API 1.0 batch and the simulated times at which it moves on.
struct SimBatch: Sendable {
    var id: String
    var state: String
    var stateMessage: String?
    var createdDate: Double
    var systemModstamp: Double
    var numberRecordsProcessed = 0
    var numberRecordsFailed = 0
    var totalProcessingTime = 0
    var apiActiveProcessingTime = 0
    var apexProcessingTime = 0
    /// When the batch leaves `Queued`.
    var startsAt: Double
    /// When the batch reaches its outcome.
    var finishesAt: Double
    /// `Completed`, `Failed` or (for the original batch of a PK-chunked query) `NotProcessed`.
    var outcome: String
    var records: Int

    var isTerminal: Bool { ["Completed", "Failed", "NotProcessed"].contains(state) }
}

/// What the simulated org will do with a job once it is handed over for processing.
struct ProcessingPlan: Sendable {
    /// When an `UploadComplete` job starts (`InProgress`); nil until the upload is complete.
    var startsAt: Double?
    var duration: Double
    /// `JobComplete` or `Failed`.
    var outcome: String
    var records: Int
    var failedRecords: Int
    var errorMessage: String?
}

/// A job in the simulated org, holding every field Salesforce reports.
struct SimJob: Sendable {
    var id: String
    var jobType: SimJobType
    var operation: String
    var object: String
    var createdById: String
    var createdDate: Double
    var systemModstamp: Double
    var state: String
    var concurrencyMode = "Parallel"
    var contentType: String
    var apiVersion: String
    var lineEnding = "LF"
    var columnDelimiter = "COMMA"
    var externalIdFieldName: String?
    var query: String?
    var numberRecordsProcessed = 0
    var numberRecordsFailed = 0
    var retries = 0
    var totalProcessingTime = 0
    var apiActiveProcessingTime = 0
    var apexProcessingTime = 0
    var errorMessage: String?
    var pkChunking = false
    var chunkSize = 100_000
    var uploads = 0
    var batches: [SimBatch] = []
    var plan: ProcessingPlan

    var isQuery: Bool { operation == "query" || operation == "queryAll" }

    /// Whether Salesforce will change nothing more about the job by itself.
    var isTerminal: Bool {
        switch jobType {
        case .classic:
            return state == "Aborted" || state == "Failed" || (state == "Closed" && batches.allSatisfy(\.isTerminal))
        default:
            return state == "JobComplete" || state == "Aborted" || state == "Failed"
        }
    }

    /// Batch counts of a classic job, by state.
    func batchCount(_ state: String) -> Int { batches.reduce(0) { $0 + ($1.state == state ? 1 : 0) } }
}
