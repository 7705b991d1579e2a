import ArgumentParser
import LuaHost

/// The exit statuses of the contract, in one place.
enum ExitStatus {
    static let success: Int32 = 0
    /// An uncaught script error or a failed command.
    static let failure: Int32 = 1
    /// A usage error (swift-argument-parser's validation failures use it too).
    static let usage: Int32 = 64
    /// Skipped: the lock file is held by another run.
    static let lockHeld: Int32 = 75
    /// The run timed out.
    static let timedOut: Int32 = 124
    /// Interrupted by SIGINT or SIGTERM.
    static let interrupted: Int32 = 130

    /// The status a script that ended with `error` exits with; `deadlinePassed` says whether its
    /// run timeout ran out (an interrupted `sf.sleep` raises a plain error object).
    static func forFailure(_ error: LuaError, deadlinePassed: Bool) -> Int32 {
        switch error.kind {
        case .interrupted(.user): interrupted
        case .interrupted(.timeout): timedOut
        default: deadlinePassed ? timedOut : failure
        }
    }
}

extension ExitCode {
    init(status: Int32) { self.init(rawValue: status) }
}
