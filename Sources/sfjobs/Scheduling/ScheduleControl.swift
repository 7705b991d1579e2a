import Dispatch
import LuaHost

/// What SIGTERM and SIGINT ask of a schedule, shared by the signal queue and the run loop: stop
/// starting runs, and interrupt the current one when its grace period is over.
final class ScheduleControl: @unchecked Sendable {
    // `stopping`, `forced` and `current` are touched only on `queue`.
    private let queue = DispatchQueue(label: "sfjobs.schedule-control")
    private let wakeUp = DispatchSemaphore(value: 0)
    private var stopping = false
    private var forced = false
    private var current: LuaInterruptHandle?

    /// Whether a stop was asked for.
    var isStopping: Bool { queue.sync { stopping } }

    /// Whether a run was interrupted to stop.
    var wasForced: Bool { queue.sync { forced } }

    /// Records the run about to start; false when the schedule is stopping and it must not start.
    func begin(_ handle: LuaInterruptHandle) -> Bool {
        queue.sync {
            guard !stopping else { return false }
            current = handle
            return true
        }
    }

    /// Records that the current run ended.
    func end() { queue.sync { current = nil } }

    /// Stops the schedule; returns whether a run is in progress.
    func requestStop() -> Bool {
        let running = queue.sync {
            stopping = true
            return current != nil
        }
        wakeUp.signal()
        return running
    }

    /// Interrupts the current run, if any.
    func force() {
        let handle: LuaInterruptHandle? = queue.sync {
            if current != nil { forced = true }
            return current
        }
        handle?.request(.user)
    }

    /// Waits up to `milliseconds`; returns true as soon as a stop is asked for.
    func wait(milliseconds: Int64) -> Bool {
        if isStopping { return true }
        _ = wakeUp.wait(timeout: .now() + .milliseconds(Int(max(0, milliseconds))))
        return isStopping
    }
}
