import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The flags of scheduled runs, with `--run-timeout` and `--lock`, which one-shot runs take too.
struct ScheduleOptions: ParsableArguments {
    static let defaultGrace = DurationArgument(milliseconds: 30_000)

    @Option(help: ArgumentHelp("Run every D (500ms, 30s, 5m, 1h30m); the first run starts at once.", valueName: "D"),
            transform: { try DurationArgument(parsing: $0) })
    var every: DurationArgument?

    @Option(help: ArgumentHelp("Run at the minutes a five-field cron expression names, in local time (TZ).", valueName: "EXPR"),
            transform: { try CronExpression(parsing: $0) })
    var cron: CronExpression?

    @Option(help: ArgumentHelp("Delay each scheduled start by a random time up to D.", valueName: "D"),
            transform: { try DurationArgument(parsing: $0) })
    var jitter: DurationArgument?

    @Option(name: .customLong("run-timeout"), help: ArgumentHelp("Interrupt a run after D (exit status 124 for a one-shot run).", valueName: "D"),
            transform: { try DurationArgument(parsing: $0) })
    var runTimeout: DurationArgument?

    @Option(name: .customLong("max-runs"), help: ArgumentHelp("End the schedule after N runs, with the last run's exit status.", valueName: "N"))
    var maxRuns: Int?

    @Option(help: ArgumentHelp("On SIGTERM/SIGINT, let the current run finish within D, then interrupt it (default 30s).", valueName: "D"),
            transform: { try DurationArgument(parsing: $0) })
    var grace: DurationArgument?

    @Option(help: ArgumentHelp("Hold an exclusive lock on FILE for the process's life; exit 75 if another process holds it.", valueName: "FILE"))
    var lock: String?

    /// The schedule `--every` or `--cron` asks for; nil for a one-shot run.
    var schedule: Schedule? {
        if let every { return .every(every) }
        return cron.map { .cron($0) }
    }

    func validate() throws {
        if every != nil && cron != nil { throw ValidationError("give --every or --cron, not both") }
        if schedule == nil {
            let scheduleOnly = [("--jitter", jitter != nil), ("--max-runs", maxRuns != nil), ("--grace", grace != nil)]
            if let (flag, _) = scheduleOnly.first(where: { $0.1 }) {
                throw ValidationError("\(flag) needs a schedule (--every or --cron)")
            }
        }
        if let every, every.milliseconds <= 0 { throw ValidationError("--every must be longer than 0s") }
        // A delay as long as the interval would push each run into the next one's slot.
        if let every, let jitter, jitter.milliseconds >= every.milliseconds {
            throw ValidationError("--jitter (\(jitter)) must be shorter than --every (\(every))")
        }
        if cron != nil, let jitter, jitter.milliseconds >= 60_000 {
            throw ValidationError("--jitter (\(jitter)) must be shorter than a minute with --cron")
        }
        if let runTimeout, runTimeout.milliseconds <= 0 { throw ValidationError("--run-timeout must be longer than 0s") }
        if let maxRuns, maxRuns < 1 { throw ValidationError("--max-runs must be at least 1") }
        if let cron, cron.next(after: time(nil)) == nil {
            throw ValidationError("--cron '\(cron)' names no time that will come (such as 30 February)")
        }
    }
}
