import LuaHost

/// Every function of the `sf` module, with the one-line help `help(f)` prints.
enum SFFunctions {
    /// One function: its Lua name, its call signature and summary, and its body.
    struct Entry: Sendable {
        let name: String
        let usage: String
        let body: @Sendable (SFCall) throws -> Int32
    }

    static let all: [Entry] = [
        Entry(name: "job_info", usage: "sf.job_info(id [, job_type]) -> job\n  Reads a job. job_type: \"unknown\" (tries ingest, query, classic), \"ingest\", \"query\" or \"classic\".", body: JobFunctions.jobInfo),
        Entry(name: "close_job", usage: "sf.close_job(id [, state | {state=, timeout=ms, type=}]) -> job\n  Closes (default) or aborts a job: Classic POSTs the state, V2 ingest PATCHes UploadComplete or Aborted, V2 query can only be Aborted.", body: JobFunctions.closeJob),
        Entry(name: "abort_job", usage: "sf.abort_job(id [, {timeout=ms, type=}]) -> job\n  Aborts a job (close_job with state Aborted).", body: JobFunctions.abortJob),
        Entry(name: "delete_job", usage: "sf.delete_job(id [, {timeout=ms, type=}]) -> true\n  Deletes a Bulk 2.0 job in a terminal state; in a dry run returns the job table.", body: JobFunctions.deleteJob),
        Entry(name: "wait_job", usage: "sf.wait_job(id [, {timeout=ms, interval=ms, type=}]) -> job\n  Polls with backoff until JobComplete, Failed or Aborted (or a closed classic job with no batch pending); a timeout error when time runs out.", body: JobFunctions.waitJob),
        Entry(name: "batches", usage: "sf.batches(id) -> {batch, ...}\n  The Bulk 1.0 batch list of a classic job.", body: JobFunctions.batches),
        Entry(name: "jobs", usage: "sf.jobs([filter]) -> iterator\n  for job in sf.jobs{state=\"Open\", older_than=3600} do ... end. Pages are fetched as the loop goes.\n  filter: type=\"ingest\"|\"query\"|\"all\", job_type=, state= (string or list), object=, operation=, created_by=, older_than=seconds, pk_chunking=bool.", body: ManyJobFunctions.jobs),
        Entry(name: "list_jobs", usage: "sf.list_jobs([filter]) -> {job, ...}\n  Every matching job as an array (filter as for sf.jobs).", body: ManyJobFunctions.listJobs),
        Entry(name: "close_jobs", usage: "sf.close_jobs(ids [, state | {state=, concurrency=8, timeout=ms, type=}]) -> results\n  Closes many jobs concurrently; never raises for one job: { {id=, ok=true, job=} | {id=, ok=false, error=}, ... } in input order.", body: ManyJobFunctions.closeJobs),
        Entry(name: "job_infos", usage: "sf.job_infos(ids [, {concurrency=8, timeout=ms, type=}]) -> results\n  Reads many jobs concurrently; results as for close_jobs.", body: ManyJobFunctions.jobInfos),
        Entry(name: "limits", usage: "sf.limits() -> table\n  The org's limits (DailyApiRequests = {Max=, Remaining=}, ...).", body: ManyJobFunctions.limits),
        Entry(name: "api_usage", usage: "sf.api_usage() -> {used=, limit=} | nil\n  API usage from the last Sforce-Limit-Info header.", body: ManyJobFunctions.apiUsage),
        Entry(name: "sleep", usage: "sf.sleep(seconds)\n  Sleeps; Ctrl-C, run timeouts and SIGTERM interrupt it.", body: HelperFunctions.sleep),
        Entry(name: "now", usage: "sf.now() -> seconds\n  Seconds since the Unix epoch, with fractions.", body: HelperFunctions.now),
        Entry(name: "parse_time", usage: "sf.parse_time(s) -> seconds | nil, message\n  Seconds since the epoch of a Salesforce date such as job.createdDate.", body: HelperFunctions.parseTime),
        Entry(name: "id18", usage: "sf.id18(id) -> id\n  The 18-character form of a 15- or 18-character id (checksum verified).", body: HelperFunctions.id18),
        Entry(name: "is_job_id", usage: "sf.is_job_id(s) -> boolean\n  Whether s is a valid 15- or 18-character job id (prefix 750).", body: HelperFunctions.isJobID),
    ]

    /// The functions a connection object has as methods.
    static let connectionMethods: Set<String> = [
        "job_info", "close_job", "abort_job", "delete_job", "wait_job", "batches", "jobs", "list_jobs",
        "close_jobs", "job_infos", "limits", "api_usage",
    ]

    static let log: [Entry] = [
        Entry(name: "debug", usage: "sf.log.debug(message [, fields])", body: HelperFunctions.log(.debug)),
        Entry(name: "info", usage: "sf.log.info(message [, fields])\n  Logs to stderr (text on a terminal, JSON lines otherwise); fields become keys of the line.", body: HelperFunctions.log(.info)),
        Entry(name: "warn", usage: "sf.log.warn(message [, fields])", body: HelperFunctions.log(.warning)),
        Entry(name: "error", usage: "sf.log.error(message [, fields])", body: HelperFunctions.log(.error)),
    ]

    static let json: [Entry] = [
        Entry(name: "encode", usage: "sf.json.encode(value) -> string\n  A sequence becomes an array, any other table an object.", body: HelperFunctions.jsonEncode),
        Entry(name: "decode", usage: "sf.json.decode(text) -> value\n  null becomes nil.", body: HelperFunctions.jsonDecode),
    ]
}
