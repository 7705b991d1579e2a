/// A read-only view of a job in the simulated org, for tests and the control API.
public struct SimulatedJob: Sendable, Equatable {
    public var id: String
    public var jobType: SimJobType
    public var operation: String
    public var object: String
    public var state: String
    public var createdDate: String
    public var systemModstamp: String
    public var numberRecordsProcessed: Int
    public var errorMessage: String?
    public var pkChunking: Bool
    /// The states of a classic job's batches, in order.
    public var batchStates: [String]

    init(_ job: SimJob) {
        id = job.id
        jobType = job.jobType
        operation = job.operation
        object = job.object
        state = job.state
        createdDate = SalesforceDate.json(job.createdDate)
        systemModstamp = SalesforceDate.json(job.systemModstamp)
        numberRecordsProcessed = job.numberRecordsProcessed
        errorMessage = job.state == "Failed" ? job.errorMessage ?? job.batches.compactMap(\.stateMessage).first : nil
        pkChunking = job.pkChunking
        batchStates = job.batches.map(\.state)
    }

    /// The control API's JSON for the job.
    var json: String {
        var out = JSONWriter()
        out.string("id", id)
        out.string("jobType", jobType.rawValue)
        out.string("operation", operation)
        out.string("object", object)
        out.string("state", state)
        out.string("createdDate", createdDate)
        out.string("systemModstamp", systemModstamp)
        out.int("numberRecordsProcessed", numberRecordsProcessed)
        out.string("errorMessage", errorMessage)
        out.bool("pkChunking", pkChunking)
        out.raw("batchStates", JSONWriter.array(batchStates.map(JSONWriter.quote)))
        return out.result
    }
}
