import LuaHost
import SalesforceBulk

/// `close_jobs`, `job_infos`, `jobs`, `list_jobs`, `limits` and `api_usage`.
enum ManyJobFunctions {
    /// `close_jobs(ids [, state | opts])`: never raises for one job; a job named twice is closed once.
    static func closeJobs(_ call: SFCall) throws -> Int32 {
        let ids = try call.idList(1)
        var state = TargetState.closed
        var opts = LuaTable()
        switch call.state.value(at: call.index(2)) {
        case .nil: break
        case .string(let name): state = try SFOptions.targetState(.string(name))
        case .table:
            let table = try call.table(2)
            try SFOptions.checkKeys(table, allowed: ["state", "timeout", "type", "concurrency"], function: "close_jobs")
            state = try SFOptions.targetState(table["state"])
            opts = table
        case let other: throw call.argumentError(2, "string or table expected, got \(other.typeName)")
        }
        let connection = call.connection
        let client = try connection.client()
        let type = try SFOptions.jobType(opts["type"], field: "type")
        let concurrency = try SFOptions.count(opts["concurrency"], field: "concurrency", default: 8)
        let timeout = try SFOptions.milliseconds(opts["timeout"], field: "timeout")
        let jobs = DistinctJobs(ids)
        let results = inSlices(jobs.ids, concurrency: concurrency, label: state == .aborted ? "aborting jobs" : "closing jobs") { slice in
            client.closeJobs(slice, state: state, type: type, concurrency: concurrency, timeoutMilliseconds: timeout)
        }
        if connection.dryRun {
            for case .success(let job) in results { DryRunLog.close(job, to: state, logger: connection.logger) }
        }
        try pushResults(jobs.spread(results), ids: ids, in: call, dryRun: connection.dryRun)
        return 1
    }

    /// `job_infos(ids [, opts])`: a job named twice is read once.
    static func jobInfos(_ call: SFCall) throws -> Int32 {
        let ids = try call.idList(1)
        let opts = try call.optionalTable(2) ?? LuaTable()
        try SFOptions.checkKeys(opts, allowed: ["timeout", "type", "concurrency"], function: "job_infos")
        let client = try call.connection.client()
        let type = try SFOptions.jobType(opts["type"], field: "type")
        let concurrency = try SFOptions.count(opts["concurrency"], field: "concurrency", default: 8)
        let timeout = try SFOptions.milliseconds(opts["timeout"], field: "timeout")
        let jobs = DistinctJobs(ids)
        let results = inSlices(jobs.ids, concurrency: concurrency, label: "reading jobs") { slice in
            client.jobInfos(slice, type: type, concurrency: concurrency, timeoutMilliseconds: timeout)
        }
        try pushResults(jobs.spread(results), ids: ids, in: call, dryRun: false)
        return 1
    }

    /// Runs `body` over all ids at once; on a terminal, in slices with a progress line between them.
    private static func inSlices(
        _ ids: [String], concurrency: Int, label: String, _ body: ([String]) -> [Result<Job, SalesforceError>]
    ) -> [Result<Job, SalesforceError>] {
        let sliceSize = max(64, concurrency * 8)
        guard ids.count > sliceSize, let progress = ProgressLine.make(label, total: ids.count) else { return body(ids) }
        defer { progress.finish() }
        var results: [Result<Job, SalesforceError>] = []
        results.reserveCapacity(ids.count)
        var errors = 0
        for start in stride(from: 0, to: ids.count, by: sliceSize) {
            let slice = body(Array(ids[start..<min(start + sliceSize, ids.count)]))
            errors += slice.filter { if case .failure = $0 { true } else { false } }.count
            results += slice
            progress.update(done: results.count, errors: errors, force: results.count == ids.count)
        }
        return results
    }

    /// `{ {id=, ok=true, job=...} | {id=, ok=false, error=err}, ... }` in input order.
    private static func pushResults(_ results: [Result<Job, SalesforceError>], ids: [String], in call: SFCall, dryRun: Bool) throws {
        if let reason = call.connection.interruption.handle.pending { throw InterruptRaise(reason: reason) }
        let state = call.state
        state.newTable(array: results.count)
        for (offset, result) in results.enumerated() {
            state.newTable(fields: 3)
            state.rawSet(table: -1, field: "id", .string(ids[offset]))
            switch result {
            case .success(let job):
                state.rawSet(table: -1, field: "ok", .boolean(true))
                state.push(job: job, dryRun: dryRun)
                state.rawSet(table: -2, field: "job")
            case .failure(let error):
                state.rawSet(table: -1, field: "ok", .boolean(false))
                SFErrorObject.push(error, onto: state)
                state.rawSet(table: -2, field: "error")
            }
            state.rawSet(table: -2, index: offset + 1)
        }
    }

    /// `jobs([filter])`: an iterator over every page of job summaries, fetched lazily.
    static func jobs(_ call: SFCall) throws -> Int32 {
        let filter = try SFOptions.filter(try call.optionalTable(1))
        let connection = call.connection
        let pages = try connection.client().jobPages(filter)
        var buffer: [Job] = []
        var position = 0
        var finished = false
        call.state.push(function: { state in
            while position == buffer.count {
                guard !finished else { return 0 }
                do throws(SalesforceError) {
                    if let page = try pages.next() {
                        buffer = page
                        position = 0
                    } else {
                        finished = true
                    }
                } catch {
                    if let reason = connection.interruption.handle.pending { throw InterruptRaise(reason: reason) }
                    throw SFRaisedError(error: error)
                }
            }
            state.push(job: buffer[position])
            position += 1
            return 1
        })
        return 1
    }

    /// `list_jobs([filter])`: every matching job as an array.
    static func listJobs(_ call: SFCall) throws -> Int32 {
        let filter = try SFOptions.filter(try call.optionalTable(1))
        let pages = try call.connection.client().jobPages(filter)
        let progress = ProgressLine.make("listing jobs")
        defer { progress?.finish() }
        var jobs: [Job] = []
        while let page = try pages.next() {
            jobs += page
            progress?.update(done: jobs.count)
        }
        call.state.newTable(array: jobs.count)
        for (offset, job) in jobs.enumerated() {
            call.state.push(job: job)
            call.state.rawSet(table: -2, index: offset + 1)
        }
        return 1
    }

    /// `limits()`: the org's limits as Salesforce reports them.
    static func limits(_ call: SFCall) throws -> Int32 {
        let limits = try call.connection.client().limits()
        call.state.push(json: .object(limits.map { (key: $0.name, value: $0.value) }))
        return 1
    }

    /// `api_usage()`: `{used=, limit=}` from the last `Sforce-Limit-Info`, or nil before any call.
    static func apiUsage(_ call: SFCall) throws -> Int32 {
        guard let usage = try call.connection.client().apiUsage else {
            call.state.pushNil()
            return 1
        }
        call.state.push(LuaTable(["used": .integer(Int64(usage.used)), "limit": .integer(Int64(usage.limit))]))
        return 1
    }
}
