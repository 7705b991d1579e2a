import LuaHost

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What SIGTERM and SIGINT ask of a schedule, shared by the signal queue and the run loop: stop
/// starting runs, and interrupt the current one when its grace period is over.
final class ScheduleControl: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    private var stopping = false
    private var forced = false
    private var current: LuaInterruptHandle?

    init() {
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

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }

    /// Whether a stop was asked for.
    var isStopping: Bool { locked { stopping } }

    /// Whether a run was interrupted to stop.
    var wasForced: Bool { locked { forced } }

    /// Records the run about to start; false when the schedule is stopping and it must not start.
    func begin(_ handle: LuaInterruptHandle) -> Bool {
        locked {
            guard !stopping else { return false }
            current = handle
            return true
        }
    }

    /// Records that the current run ended.
    func end() { locked { current = nil } }

    /// Stops the schedule; returns whether a run is in progress.
    func requestStop() -> Bool {
        locked {
            stopping = true
            pthread_cond_broadcast(&condition)
            return current != nil
        }
    }

    /// Interrupts the current run, if any.
    func force() {
        let handle: LuaInterruptHandle? = locked {
            if current != nil { forced = true }
            return current
        }
        handle?.request(.user)
    }

    /// Waits up to `milliseconds`; returns true as soon as a stop is asked for.
    func wait(milliseconds: Int64) -> Bool {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        let end = Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec) + max(0, milliseconds) * 1_000_000
        var until = timespec(tv_sec: Int(end / 1_000_000_000), tv_nsec: Int(end % 1_000_000_000))
        return locked {
            while !stopping {
                if pthread_cond_timedwait(&condition, &mutex, &until) == ETIMEDOUT { break }
            }
            return stopping
        }
    }
}
