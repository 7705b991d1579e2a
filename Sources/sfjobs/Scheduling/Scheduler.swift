import Dispatch
import LuaHost
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a script on a schedule: a fresh Lua state per run, never two at once, a late start after an
/// overrun (missed slots are not replayed), one log line at each run's start and finish, and a
/// graceful stop on SIGTERM or SIGINT.
struct Scheduler {
    let frontend: Frontend
    let work: ScriptWork
    let schedule: Schedule
    let options: ScheduleOptions
    let logger = Logger(label: "sfjobs.schedule")

    /// Runs until `--max-runs` is reached (returning the last run's exit status), the schedule has
    /// no further slot, or a signal stops it (0 after a clean stop, 130 when a run was interrupted).
    func run() -> Int32 {
        let control = ScheduleControl()
        let watcher = watchSignals(control)
        defer { watcher.cancel() }
        logger.info("schedule started: \(schedule)", metadata: [
            "event": "schedule_start", "script": .string(work.label), "schedule": .string(schedule.description),
        ])
        var lastStatus = ExitStatus.success
        var number = 0
        var next = schedule.firstSlot(now: schedule.now())
        var startsLate = false
        while let slot = next {
            if !startsLate && waitUntil(slot + jitterMilliseconds(), control: control) { break }
            guard let outcome = perform(run: number + 1, control: control) else { break }
            number += 1
            lastStatus = outcome.exitStatus
            if control.isStopping || number == options.maxRuns { break }
            (next, startsLate) = following(slot, run: number + 1)
        }
        logger.info("schedule stopped after \(number) run(s)", metadata: [
            "event": "schedule_stop", "script": .string(work.label), "runs": .stringConvertible(number),
        ])
        guard control.isStopping && number != options.maxRuns else { return lastStatus }
        return control.wasForced ? ExitStatus.interrupted : ExitStatus.success
    }

    /// The slot after `slot`; when it has already passed, the latest passed slot (the ones before it
    /// are missed, not replayed) and true: the run starts at once, and that is logged as late.
    private func following(_ slot: Int64, run: Int) -> (Int64?, Bool) {
        guard var next = schedule.slot(after: slot) else { return (nil, false) }
        let now = schedule.now()
        guard next <= now else { return (next, false) }
        let due = next
        var missed = 0
        while let later = schedule.slot(after: next), later <= now {
            next = later
            missed += 1
        }
        logger.warning("run \(run) starts late: the previous run overran its slot by \(now - due) ms", metadata: [
            "event": "run_late", "script": .string(work.label), "run": .stringConvertible(run),
            "late_ms": .stringConvertible(now - due), "missed": .stringConvertible(missed),
        ])
        return (next, true)
    }

    /// Sleeps until `target` on the schedule's clock (rechecking the wall clock every minute);
    /// returns true when a stop was asked for instead.
    private func waitUntil(_ target: Int64, control: ScheduleControl) -> Bool {
        while true {
            let remaining = target - schedule.now()
            if remaining <= 0 { return control.isStopping }
            if control.wait(milliseconds: min(remaining, 60_000)) { return true }
        }
    }

    private func jitterMilliseconds() -> Int64 {
        guard let jitter = options.jitter, jitter.milliseconds > 0 else { return 0 }
        return Int64.random(in: 0..<jitter.milliseconds)
    }

    /// One run in a fresh host, logged at its start and finish; nil when a stop came first.
    private func perform(run number: Int, control: ScheduleControl) -> RunOutcome? {
        let base: Logger.Metadata = ["script": .string(work.label), "run": .stringConvertible(number)]
        guard let host = try? frontend.makeHost() else {
            let outcome = RunOutcome(error: LuaError(kind: .memory, message: "cannot create a Lua state"), deadlinePassed: false)
            logFinish(number, outcome, milliseconds: 0, metadata: base)
            return outcome
        }
        guard control.begin(host.interruptHandle) else { return nil }
        _ = try? host.run(Self.runEndingExit, name: "=(schedule)")
        logger.info("run \(number) started", metadata: base.merging(["event": "run_start"]) { $1 })
        let started = DispatchTime.now().uptimeNanoseconds
        let outcome = frontend.perform(work, in: host, timeout: options.runTimeout)
        control.end()
        fflush(nil)  // the script's output reaches stdout before its finish line
        logFinish(number, outcome, milliseconds: (DispatchTime.now().uptimeNanoseconds - started) / 1_000_000, metadata: base)
        return outcome
    }

    /// `os.exit` in a scheduled run: the C library's exit would end the whole schedule (exit 0 with
    /// no finish line, and a service manager takes it as done), so it fails the run instead.
    private static let runEndingExit = """
        os.exit = function(code)
          error(string.format("os.exit(%s) would end the whole schedule; a scheduled run ends by returning or raising an error", tostring(code)), 2)
        end
        """

    private func logFinish(_ number: Int, _ outcome: RunOutcome, milliseconds: UInt64, metadata base: Logger.Metadata) {
        var metadata = base.merging([
            "event": "run_finish", "status": .string(outcome.status.rawValue), "duration_ms": .stringConvertible(milliseconds),
        ]) { $1 }
        metadata["error"] = outcome.errorMetadata
        if let error = outcome.error {
            logger.error("run \(number) failed: \(error.message)", metadata: metadata)
        } else {
            logger.info("run \(number) finished", metadata: metadata)
        }
    }

    /// SIGTERM / SIGINT: start no new run and give the current one `--grace` to finish; a second
    /// signal interrupts it at once, a third exits at once.
    private func watchSignals(_ control: ScheduleControl) -> SignalWatcher {
        let grace = options.grace ?? ScheduleOptions.defaultGrace
        let logger = logger
        return SignalWatcher { signal, count in
            switch count {
            case 1:
                let name = signal == SIGTERM ? "SIGTERM" : "SIGINT"
                logger.notice("\(name): no new runs; a run in progress may take \(grace) to finish", metadata: [
                    "event": "schedule_stopping", "signal": .string(name),
                ])
                if control.requestStop() {
                    DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(grace.milliseconds))) { control.force() }
                }
            case 2: control.force()
            default: _exit(ExitStatus.interrupted)
            }
        }
    }
}
