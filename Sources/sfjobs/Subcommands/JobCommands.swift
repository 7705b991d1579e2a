import ArgumentParser
import Logging
import LuaHost
import SFModule
import SalesforceBulk

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `sfjobs job-info ID`: one job, as a table on a terminal or JSON.
struct JobInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "job-info", abstract: "Show a job's status.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The job id (15 or 18 characters).") var id: String
    @Option(help: "unknown, ingest, query or classic.") var type = "unknown"
    @Flag(help: "Print one JSON document.") var json = false

    func validate() throws {
        try OneOffCommand.checkType(type)
    }

    func run() throws {
        let command = OneOffCommand(common: common.settings, json: json)
        try command.perform { client throws(SalesforceError) in
            let hint = OneOffCommand.hint(type)
            return [try client.jobInfo(try JobID(id), type: hint)]
        }
    }
}

/// `sfjobs close-job ID`: close or abort one job.
struct CloseJobCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close-job", abstract: "Close (or abort) a job.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The job id (15 or 18 characters).") var id: String
    @Option(help: "Closed or Aborted.") var state = "Closed"
    @Option(help: "unknown, ingest, query or classic.") var type = "unknown"
    @Option(help: "Milliseconds the call may take (0: no limit).") var timeout: Int?
    @Flag(help: "Print one JSON document.") var json = false

    func validate() throws {
        guard TargetState(name: state) != nil else { throw ValidationError("--state must be Closed or Aborted, not \(state)") }
        try OneOffCommand.checkType(type)
        if let timeout, timeout < 0 { throw ValidationError("--timeout must be 0 or more milliseconds") }
    }

    func run() throws {
        let command = OneOffCommand(common: common.settings, json: json)
        try command.perform { client throws(SalesforceError) in
            let target = TargetState(name: state) ?? .closed
            let job = try client.closeJob(try JobID(id), state: target, type: OneOffCommand.hint(type), timeoutMilliseconds: timeout)
            if client.settings.dryRun { DryRunLog.close(job, to: target, logger: Logger(label: "sfjobs")) }
            return [job]
        }
    }
}

/// `sfjobs jobs`: list jobs, filtered.
struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "jobs", abstract: "List jobs.")

    @OptionGroup var common: CommonOptions
    @Option(help: "Only jobs in this state (repeatable).") var state: [String] = []
    @Option(help: "ingest, query or all.") var type = "all"
    @Option(name: .customLong("job-type"), help: "V2Ingest, V2Query, Classic or BigObjectIngest.") var jobType: String?
    @Option(name: .customLong("older-than"), help: "Only jobs created at least this many seconds ago.") var olderThan: Double?
    @Flag(help: "Print one JSON document.") var json = false

    func validate() throws {
        guard JobFilter.Source(rawValue: type.lowercased()) != nil else { throw ValidationError("--type must be ingest, query or all") }
        if let jobType, JobType(name: jobType) == nil {
            throw ValidationError("--job-type must be V2Ingest, V2Query, Classic or BigObjectIngest")
        }
        for name in state where JobFilter.jobState(named: name) == nil {
            throw ValidationError("--state \(name) \(JobFilter.jobStatesListed)")
        }
        if let olderThan, !(olderThan >= 0) { throw ValidationError("--older-than must be 0 or more seconds") }
    }

    func run() throws {
        let filter = JobFilter(
            type: JobFilter.Source(rawValue: type.lowercased()) ?? .all,
            jobType: jobType.flatMap(JobType.init(name:)),
            states: state, olderThan: olderThan)
        try OneOffCommand(common: common.settings, json: json).perform(list: true) { client throws(SalesforceError) in
            try client.jobPages(filter).all()
        }
    }
}

/// What the one-off commands share: the client, output and the exit status.
struct OneOffCommand {
    var common: CommonSettings
    var json: Bool

    /// A usage error (exit 64) unless `text` names a job type hint.
    static func checkType(_ text: String) throws {
        guard JobTypeHint(name: text) != nil else { throw ValidationError("--type must be unknown, ingest, query or classic, not \(text)") }
    }

    /// The hint `--type` names (checked by ``checkType(_:)`` before the command runs).
    static func hint(_ text: String) -> JobTypeHint { JobTypeHint(name: text) ?? .unknown }

    /// Runs `body` with a client; prints its jobs; a failure goes to stderr with exit status 1.
    func perform(list: Bool = false, _ body: (SalesforceClient) throws(SalesforceError) -> [Job]) throws {
        let frontend = Frontend(common: common)
        do throws(SalesforceError) {
            let settings = try frontend.resolveSettings(environment: ProcessEnvironment.current())
            guard settings.isConfigured else {
                throw SalesforceError(kind: .connection, code: "NOT_CONFIGURED",
                                      message: "no Salesforce connection is configured (see sfjobs --help)")
            }
            let jobs = try body(SalesforceClient(settings: settings))
            print(render(jobs, list: list, dryRun: settings.dryRun))
        } catch {
            frontend.reporter.report(message: error.description)
            throw ExitCode(status: ExitStatus.failure)
        }
    }

    private func render(_ jobs: [Job], list: Bool, dryRun: Bool) -> String {
        if json {
            let documents = jobs.map { job -> JSONValue in
                guard dryRun, case .object(var members) = JobValues.json(job) else { return JobValues.json(job) }
                members.append((key: "dryRun", value: .bool(true)))
                return .object(members)
            }
            return (list ? JSONValue.array(documents) : documents.first ?? .null).jsonText
        }
        let printer = ValuePrinter(colour: isatty(1) != 0 && getenv("NO_COLOR") == nil)
        let tables = jobs.map { job -> LuaValue in
            var table = JobValues.table(job)
            if dryRun { table["dryRun"] = true }
            return .table(table)
        }
        if list {
            return tables.isEmpty ? "(no jobs)" : printer.render(.table(LuaTable(array: tables)))
        }
        return tables.first.map(printer.render) ?? ""
    }
}
