import ArgumentParser
import LuaHost
import Logging
import SFModule
import SalesforceBulk

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wires the command line to the Lua host: logging, signals, the `sf`
/// module, running chunks and scripts, and the exit status.
struct Frontend {
    var common: CommonSettings
    /// Bytes each Lua state may hold while Lua code runs; nil for no limit.
    var memoryLimit: Int?

    init(common: CommonSettings) {
        self.common = common
        Self.bootstrapLogging(common)
    }

    /// The format logs and uncaught errors use: as the flag says, else text on a terminal.
    var logFormat: LogFormat { common.logFormat ?? (isatty(2) != 0 ? .text : .json) }

    var reporter: ErrorReporter { ErrorReporter(format: logFormat) }

    // MARK: - Commands

    /// `sfjobs` alone: a REPL on a terminal, otherwise standard input as a script.
    func runDefault() throws {
        if isatty(0) != 0 {
            try runRepl(initFile: nil)
        } else {
            try runOnce(ScriptWork(chunks: [], script: .standardInput, arguments: []))
        }
    }

    /// The REPL, after running `initFile`; when stdin is not a terminal, stdin runs as a script instead.
    func runRepl(initFile: String?, greeting: String? = nil) throws {
        guard isatty(0) != 0 else {
            try runOnce(ScriptWork(chunks: [], script: initFile.map { .file($0) }, arguments: []))
            try runOnce(ScriptWork(chunks: [], script: .standardInput, arguments: []))
            return
        }
        let (host, label) = try makeSession()
        if let initFile {
            let status = execute(ScriptWork(chunks: [], script: .file(initFile), arguments: []), in: host)
            if status != ExitStatus.success { throw ExitCode(status: status) }
        }
        let colour = isatty(1) != 0 && getenv("NO_COLOR") == nil
        let repl = try Repl(host: host, label: label, colour: colour, reporter: ErrorReporter(format: .text))
        repl.run(greeting: greeting ?? "sfjobs \(SFJobsVersion.current) (\(luaVersion)) on \(label). help() for help, Ctrl-D to leave.")
    }

    private var luaVersion: String { "Lua 5.4" }

    /// Runs `-e` chunks, then the script, in one fresh state, within `timeout` when one is given.
    func runOnce(_ work: ScriptWork, timeout: DurationArgument? = nil) throws {
        let host = try makeHost()
        let interrupt = host.interruptHandle
        let watcher = SignalWatcher { _, count in
            if count > 1 { _exit(ExitStatus.interrupted) }
            interrupt.request(.user)
        }
        defer { watcher.cancel() }
        let status = execute(work, in: host, timeout: timeout)
        if status != ExitStatus.success { throw ExitCode(status: status) }
    }

    /// Runs `work`; reports an uncaught error and returns the exit status.
    func execute(_ work: ScriptWork, in host: LuaHost, timeout: DurationArgument? = nil) -> Int32 {
        let outcome = perform(work, in: host, timeout: timeout)
        if let error = outcome.error { reporter.report(error) }
        return outcome.exitStatus
    }

    /// Runs `work` in `host`, interrupted once `timeout` has passed, and returns how it ended
    /// without reporting anything.
    func perform(_ work: ScriptWork, in host: LuaHost, timeout: DurationArgument?) -> RunOutcome {
        let script = work.script
        let interpreter = Self.interpreterArguments(scriptArgumentCount: script == nil ? 0 : work.arguments.count + 1)
        host.setArgTable(interpreter: Array(interpreter.dropFirst()), script: script?.name ?? interpreter.first ?? "sfjobs", arguments: work.arguments)
        host.setDeadline(secondsFromNow: timeout?.seconds)
        do {
            for chunk in work.chunks {
                try host.run(chunk, name: "=(command line)")
            }
            if let script {
                try host.run(file: script.path, arguments: work.arguments.map { .string($0) })
            }
            if let reason = host.interruptHandle.pending {
                // The script caught the interruption (`pcall`) and went on, or its deadline passed while
                // C code ran (`os.execute`): the run still timed out or was interrupted, and says so.
                let error = LuaError(kind: .interrupted(reason), message: "\(reason) (the script went on to its end)")
                return RunOutcome(error: error, deadlinePassed: reason == .timeout)
            }
            return RunOutcome(error: nil, deadlinePassed: false)
        } catch {
            return RunOutcome(error: error, deadlinePassed: host.interruptHandle.nanosecondsToDeadline == 0)
        }
    }

    /// A fresh Lua state with the standard libraries and the `sf` module, its
    /// connection settings read anew (flags, then environment, then profile).
    func makeHost() throws -> LuaHost {
        try makeSession().host
    }

    /// A fresh host, and the label of the org its default connection talks to (for the prompt).
    func makeSession() throws -> (host: LuaHost, label: String) {
        let host: LuaHost
        do {
            host = try LuaHost(memoryLimit: memoryLimit)
        } catch {
            reporter.report(error)
            throw ExitCode(status: ExitStatus.failure)
        }
        let environment = ProcessEnvironment.current()
        let settings = Result { () throws(SalesforceError) in try resolveSettings(environment: environment) }
        let logger = Logger(label: "sfjobs")
        if case .success(let resolved) = settings {
            for warning in resolved.warnings { logger.warning("\(warning)", metadata: ["event": "config_warning"]) }
        }
        let label = SFModule.install(into: host, SFModule.Configuration(
            settings: settings, environment: environment, commandLine: commandLineOverrides, logger: logger,
            version: SFJobsVersion.current))
        return (host, label)
    }

    /// What the common flags set for every connection, `sf.connect`'s included.
    var commandLineOverrides: ConnectionSettings.Overrides {
        ConnectionSettings.Overrides(apiVersion: common.apiVersion, profile: common.profile, dryRun: common.dryRun ? true : nil)
    }

    /// The default connection's settings: flags (and `--target-org`), then environment, then profile.
    func resolveSettings(environment: [String: String]) throws(SalesforceError) -> ConnectionSettings {
        var overrides = commandLineOverrides
        if let alias = common.targetOrg {
            let borrowed = try SalesforceCLISession.overrides(alias: alias)
            overrides.instanceURL = borrowed.instanceURL
            overrides.accessToken = borrowed.accessToken
            overrides.externalSession = true
        }
        return try ConnectionSettings.resolve(overrides: overrides, environment: environment)
    }

    // MARK: - Helpers

    /// The command line before the script, as `lua` puts it at negative `arg` indices.
    private static func interpreterArguments(scriptArgumentCount: Int) -> [String] {
        Array(CommandLine.arguments.dropLast(scriptArgumentCount))
    }

    private static func bootstrapLogging(_ common: CommonSettings) {
        let format = common.logFormat ?? (isatty(2) != 0 ? .text : .json)
        let colour = format == .text && isatty(2) != 0 && getenv("NO_COLOR") == nil
        let level = Logger.Level(rawValue: common.logLevel.rawValue) ?? .info
        LoggingBootstrap.once {
            LoggingSystem.bootstrap { _ in StderrLogHandler(format: format, colour: colour, logLevel: level) }
        }
    }
}

/// Runs the logging bootstrap at most once per process.
private enum LoggingBootstrap {
    nonisolated(unsafe) private static var done = false
    static func once(_ body: () -> Void) {
        guard !done else { return }
        done = true
        body()
    }
}
