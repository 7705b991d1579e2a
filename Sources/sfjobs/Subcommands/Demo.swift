import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `sfjobs demo`: a REPL connected to a local simulated org, no credentials needed.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Start a REPL connected to a local simulated org (no credentials needed).")

    @OptionGroup var common: CommonOptions

    @Option(help: "How many jobs the simulated org starts with.")
    var jobs = 300

    func run() throws {
        let simulator: SimulatorProcess
        do {
            simulator = try SimulatorProcess(jobs: jobs)
        } catch {
            ErrorReporter(format: .text).report(message: "cannot start the simulated org: \(error)")
            throw ExitCode(status: ExitStatus.failure)
        }
        defer { simulator.stop() }
        for name in ["SF_PROFILE", "SF_EXTERNAL_SESSION", "SF_CLIENT_ID", "SF_USERNAME", "SF_REFRESH_TOKEN", "SF_JWT_KEY_FILE"] {
            unsetenv(name)
        }
        setenv("SF_INSTANCE_URL", simulator.instanceURL, 1)
        setenv("SF_ACCESS_TOKEN", simulator.accessToken, 1)
        var common = common
        common.profile = nil
        try Frontend(common: common.settings).runRepl(initFile: nil, greeting: """
            sfjobs \(SFJobsVersion.current) demo: a simulated org with \(jobs) jobs at \(simulator.instanceURL) (no real org is touched).
            Three things to try:
              sf.list_jobs{state="Open", older_than=24*3600}            -- jobs left Open for a day by crashed loaders
              sf.job_info(sf.list_jobs{state="Failed"}[1].id)           -- why did that job fail?
              sf.close_jobs(sf.list_jobs{pk_chunking=true, state="Open"})  -- close stuck PK-chunked queries
            help() lists everything; Ctrl-D leaves.
            """)
    }
}

/// `sfjobs simulator`: serve the simulated org and print the export lines.
struct SimulatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulator",
        abstract: "Serve a simulated Salesforce org on 127.0.0.1 and print its export lines.")

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 0

    @Option(help: "How many jobs the org starts with.")
    var jobs = 300

    func run() throws {
        SimulatorProcess.exec(arguments: ["--port", String(port), "--jobs", String(jobs)])
    }
}
