import LuaHost
import SalesforceBulk

/// `job_info`, `close_job`, `abort_job`, `delete_job`, `wait_job` and `batches`.
enum JobFunctions {
    /// `job_info(id [, job_type])`
    static func jobInfo(_ call: SFCall) throws -> Int32 {
        let id = try call.jobID(1)
        let type = try SFOptions.jobType(call.state.value(at: call.index(2)))
        call.state.push(job: try call.connection.client().jobInfo(id, type: type))
        return 1
    }

    /// `close_job(id [, state | opts])`
    static func closeJob(_ call: SFCall) throws -> Int32 {
        try close(call, defaultState: .closed, function: "close_job")
    }

    /// `abort_job(id [, opts])`
    static func abortJob(_ call: SFCall) throws -> Int32 {
        if case .string = call.state.value(at: call.index(2)) {
            throw call.argumentError(2, "table expected, got string (abort_job always aborts)")
        }
        return try close(call, defaultState: .aborted, function: "abort_job", stateLocked: true)
    }

    private static func close(_ call: SFCall, defaultState: TargetState, function: String, stateLocked: Bool = false) throws -> Int32 {
        let id = try call.jobID(1)
        var state = defaultState
        var type = JobTypeHint.unknown
        var timeout: Int?
        switch call.state.value(at: call.index(2)) {
        case .nil: break
        case .string(let name): state = try SFOptions.targetState(.string(name))
        case .table:
            let opts = try call.table(2)
            try SFOptions.checkKeys(opts, allowed: stateLocked ? ["timeout", "type"] : ["state", "timeout", "type"], function: function)
            if !stateLocked { state = try SFOptions.targetState(opts["state"], default: defaultState) }
            type = try SFOptions.jobType(opts["type"], field: "type")
            timeout = try SFOptions.milliseconds(opts["timeout"], field: "timeout")
        case let other:
            throw call.argumentError(2, "string or table expected, got \(other.typeName)")
        }
        let connection = call.connection
        let job = try connection.client().closeJob(id, state: state, type: type, timeoutMilliseconds: timeout)
        if connection.dryRun { DryRunLog.close(job, to: state, logger: connection.logger) }
        call.state.push(job: job, dryRun: connection.dryRun)
        return 1
    }

    /// `delete_job(id [, opts])`: true, or in a dry run the job table.
    static func deleteJob(_ call: SFCall) throws -> Int32 {
        let id = try call.jobID(1)
        let opts = try call.optionalTable(2) ?? LuaTable()
        try SFOptions.checkKeys(opts, allowed: ["timeout", "type"], function: "delete_job")
        let type = try SFOptions.jobType(opts["type"], field: "type")
        let timeout = try SFOptions.milliseconds(opts["timeout"], field: "timeout")
        let connection = call.connection
        if let job = try connection.client().deleteJob(id, type: type, timeoutMilliseconds: timeout) {
            DryRunLog.delete(job, logger: connection.logger)
            call.state.push(job: job, dryRun: true)
        } else {
            call.state.push(true)
        }
        return 1
    }

    /// `wait_job(id [, opts])`: polls with backoff until the job reaches a terminal state.
    static func waitJob(_ call: SFCall) throws -> Int32 {
        let id = try call.jobID(1)
        let opts = try call.optionalTable(2) ?? LuaTable()
        try SFOptions.checkKeys(opts, allowed: ["timeout", "interval", "type"], function: "wait_job")
        var type = try SFOptions.jobType(opts["type"], field: "type")
        let connection = call.connection
        let client = try connection.client()
        let timeout = try SFOptions.milliseconds(opts["timeout"], field: "timeout") ?? client.settings.timeoutMilliseconds
        let firstInterval = try SFOptions.milliseconds(opts["interval"], field: "interval") ?? 500
        guard firstInterval >= minimumPollInterval else {
            throw SalesforceError.badArgument("interval must be at least \(minimumPollInterval) ms, not \(firstInterval)")
        }
        var interval = Double(firstInterval) / 1000
        let maximumInterval = max(interval, 10)
        let deadline = timeout == 0 ? nil : SalesforceDate.now() + Double(timeout) / 1000
        var lastState: String?
        let stillUnfinished = {
            SalesforceError(kind: .timeout, code: "TIMEOUT", message: "job still \(lastState ?? "unfinished") after \(timeout) ms", jobID: id.value)
        }
        while true {
            let remaining = deadline.map { $0 - SalesforceDate.now() }
            if let remaining, remaining <= 0 { throw stillUnfinished() }
            let poll = Result { () throws(SalesforceError) -> Job in
                try client.jobInfo(id, type: type, timeoutMilliseconds: remaining.map { max(1, Int(($0 * 1000).rounded(.up))) })
            }
            // A poll that runs into the wait's own deadline: what times out is the wait.
            if case .failure(let error) = poll, error.kind == .timeout, lastState != nil { throw stillUnfinished() }
            let job = try poll.get()
            if isTerminal(job) {
                call.state.push(job: job)
                return 1
            }
            lastState = job.state
            type = hint(for: job.jobType)
            let left = deadline.map { $0 - SalesforceDate.now() }
            if let left, left <= 0 { throw stillUnfinished() }
            if let reason = connection.interruption.handle.sleep(seconds: min(interval, left ?? interval)) {
                throw InterruptRaise(reason: reason)
            }
            interval = min(interval * 1.5, maximumInterval)
        }
    }

    /// The shortest first interval `wait_job` takes between polls, in milliseconds: each poll is an
    /// API request counted against the org's daily allowance.
    static let minimumPollInterval = 100

    /// Whether a job will not change any more: JobComplete, Failed or Aborted, or a
    /// closed Bulk 1.0 job with no batch queued or in progress.
    static func isTerminal(_ job: Job) -> Bool {
        switch job.state {
        case "JobComplete", "Failed", "Aborted": return true
        case "Closed" where job.jobType == .classic:
            return (job["numberBatchesQueued"]?.integerValue ?? 0) == 0 && (job["numberBatchesInProgress"]?.integerValue ?? 0) == 0
        default: return false
        }
    }

    private static func hint(for type: JobType) -> JobTypeHint {
        switch type {
        case .v2Ingest, .bigObjectIngest: .ingest
        case .v2Query: .query
        case .classic: .classic
        }
    }

    /// `batches(id)`: the Bulk 1.0 batch list of a classic job.
    static func batches(_ call: SFCall) throws -> Int32 {
        let id = try call.jobID(1)
        let batches = try call.connection.client().batches(id)
        call.state.newTable(array: batches.count)
        for (offset, batch) in batches.enumerated() {
            call.state.push(batch: batch)
            call.state.rawSet(table: -2, index: offset + 1)
        }
        return 1
    }
}
