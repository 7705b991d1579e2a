import LuaHost
import Logging

/// How one run ended: the status its log line reports and the exit status it stands for.
struct RunOutcome {
    /// The `status` of a run's finish line.
    enum Status: String {
        case ok, error, timeout
    }

    let status: Status
    let exitStatus: Int32
    /// The uncaught error, when the run failed.
    let error: LuaError?

    /// The outcome of a run that ended with `error` (nil: it succeeded); `deadlinePassed` says
    /// whether its `--run-timeout` ran out, which makes any failure a timeout.
    init(error: LuaError?, deadlinePassed: Bool) {
        self.error = error
        guard let error else {
            (status, exitStatus) = (.ok, ExitStatus.success)
            return
        }
        exitStatus = ExitStatus.forFailure(error, deadlinePassed: deadlinePassed)
        status = exitStatus == ExitStatus.timedOut ? .timeout : .error
    }

    /// The `error` object of a finish line: `kind`, `code`, `message`, and `traceback` when one was taken.
    var errorMetadata: Logger.Metadata.Value? {
        guard let error else { return nil }
        var fields = Logger.Metadata()
        for (key, value) in ErrorReporter.errorFields(error) { fields[key] = .string(value) }
        if status == .timeout {
            fields["kind"] = "timeout"
            fields["code"] = "TIMEOUT"
        }
        if let traceback = error.traceback { fields["traceback"] = .string(traceback) }
        return .dictionary(fields)
    }
}
