import ArgumentParser
import LuaHost
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wires the command line to the Lua host: logging, signals, the `sf`
/// module, running chunks and scripts, and the exit status.
struct Frontend {
    let common: CommonOptions

    init(common: CommonOptions) {
        self.common = common
        Self.bootstrapLogging(common)
    }

    /// The format logs and uncaught errors use: as the flag says, else text on a terminal.
    var logFormat: LogFormat { common.logFormat ?? (isatty(2) != 0 ? .text : .json) }

    var reporter: ErrorReporter { ErrorReporter(format: logFormat) }

    // MARK: - Commands

    /// `sfjobs` alone: a REPL on a terminal, otherwise standard input as a script.
    func runDefault() throws {
        try runOnce(chunks: [], script: .standardInput, arguments: [])
    }

    /// Runs `-e` chunks, then the script, in one fresh state.
    func runOnce(chunks: [String], script: ScriptSource?, arguments: [String]) throws {
        let host = try makeHost()
        let interrupt = host.interruptHandle
        let watcher = SignalWatcher { _, count in
            if count > 1 { _exit(ExitStatus.interrupted) }
            interrupt.request(.user)
        }
        defer { watcher.cancel() }
        let status = execute(in: host, chunks: chunks, script: script, arguments: arguments)
        if status != ExitStatus.success { throw ExitCode(status: status) }
    }

    /// Runs the chunks and the script; reports an uncaught error and returns the exit status.
    func execute(in host: LuaHost, chunks: [String], script: ScriptSource?, arguments: [String]) -> Int32 {
        let interpreter = Self.interpreterArguments(scriptArgumentCount: script == nil ? 0 : arguments.count + 1)
        host.setArgTable(interpreter: Array(interpreter.dropFirst()), script: script?.name ?? interpreter.first ?? "sfjobs", arguments: arguments)
        do {
            for chunk in chunks {
                try host.run(chunk, name: "=(command line)")
            }
            if let script {
                try host.run(file: script.path, arguments: arguments.map { .string($0) })
            }
            return ExitStatus.success
        } catch {
            reporter.report(error)
            return ExitStatus.forFailure(error)
        }
    }

    /// A fresh Lua state with the standard libraries and the `sf` module.
    func makeHost() throws -> LuaHost {
        do {
            return try LuaHost()
        } catch {
            reporter.report(error)
            throw ExitCode(status: ExitStatus.failure)
        }
    }

    // MARK: - Helpers

    /// The command line before the script, as `lua` puts it at negative `arg` indices.
    private static func interpreterArguments(scriptArgumentCount: Int) -> [String] {
        Array(CommandLine.arguments.dropLast(scriptArgumentCount))
    }

    private static func bootstrapLogging(_ common: CommonOptions) {
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
