import CLua

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why running Lua code was stopped.
public enum LuaInterruptReason: Int32, Sendable, CustomStringConvertible {
    /// The user or the system asked (Ctrl-C, SIGTERM after its grace period).
    case user = 1
    /// The deadline set with ``LuaHost/setDeadline(secondsFromNow:)`` passed.
    case timeout = 2
    /// The instruction budget ran out.
    case instructionBudget = 3

    public var description: String {
        switch self {
        case .user: "interrupted"
        case .timeout: "run timed out"
        case .instructionBudget: "instruction budget exhausted"
        }
    }
}

/// The thread-safe side of a ``LuaHost``: ask running code to stop, and let
/// long Swift waits (sleeps, HTTP polls) notice, since Lua hooks never fire
/// while Swift or C code runs.
public final class LuaInterruptHandle: @unchecked Sendable {
    // The control block lives as long as the host; the host outlives every
    // handle user by contract (scripts stop before the host is released).
    private let control: UnsafeMutablePointer<clua_Control>
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    private var wakers: [Int: @Sendable () -> Void] = [:]
    private var nextWaker = 0

    init(control: UnsafeMutablePointer<clua_Control>) {
        self.control = control
        pthread_mutex_init(&mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(&condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(&condition)
        pthread_mutex_destroy(&mutex)
    }

    /// Asks the running code to stop with `reason`; callable from any thread.
    public func request(_ reason: LuaInterruptReason = .user) {
        clua_request_interrupt(control, reason.rawValue)
        pthread_mutex_lock(&mutex)
        let toWake = Array(wakers.values)
        pthread_cond_broadcast(&condition)
        pthread_mutex_unlock(&mutex)
        for wake in toWake { wake() }
    }

    /// The pending interrupt, or a passed deadline, if any. A passed deadline seen here becomes a
    /// pending interrupt, as the hook makes it: whoever asks is about to stop the code for it.
    public var pending: LuaInterruptReason? {
        if let reason = requested { return reason }
        let deadline = control.pointee.deadline_ns
        guard deadline > 0 && clua_monotonic_ns() >= deadline else { return nil }
        clua_request_interrupt(control, LuaInterruptReason.timeout.rawValue)
        return .timeout
    }

    /// The interrupt requested, or raised into Lua, since the last `LuaHost.clearInterrupt()`:
    /// still set when the code caught it (`pcall`) and went on.
    private var requested: LuaInterruptReason? {
        LuaInterruptReason(rawValue: clua_pending_interrupt(control))
    }

    /// Nanoseconds until the deadline (nil when there is none).
    public var nanosecondsToDeadline: Int64? {
        let deadline = control.pointee.deadline_ns
        return deadline > 0 ? max(0, deadline - clua_monotonic_ns()) : nil
    }

    /// Sleeps up to `seconds`, waking early on an interrupt or the deadline;
    /// returns the reason it woke early, or nil after a full sleep.
    public func sleep(seconds: Double) -> LuaInterruptReason? {
        let start = clua_monotonic_ns()
        var end = MonotonicClock.nanoseconds(after: start, seconds: seconds)
        if let remaining = nanosecondsToDeadline { end = min(end, start + remaining) }
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while true {
            if let reason = pending { return reason }
            let now = clua_monotonic_ns()
            if now >= end { return pending }
            var until = timespec(tv_sec: Int(end / 1_000_000_000), tv_nsec: Int(end % 1_000_000_000))
            pthread_cond_timedwait(&condition, &mutex, &until)
        }
    }

    /// Registers `wake` to run on every request (e.g. `curl_multi_wakeup`);
    /// returns a token for ``removeWaker(_:)``.
    public func addWaker(_ wake: @escaping @Sendable () -> Void) -> Int {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        nextWaker += 1
        wakers[nextWaker] = wake
        return nextWaker
    }

    public func removeWaker(_ token: Int) {
        pthread_mutex_lock(&mutex)
        wakers[token] = nil
        pthread_mutex_unlock(&mutex)
    }
}
