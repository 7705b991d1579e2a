#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// When runs are due: at a fixed interval from the first run (on the monotonic clock), or at the
/// minutes a cron expression names (on the wall clock, in local time).
enum Schedule: Sendable, CustomStringConvertible {
    case every(DurationArgument)
    case cron(CronExpression)

    /// Milliseconds on this schedule's clock.
    func now() -> Int64 {
        var ts = timespec()
        switch self {
        case .every: clock_gettime(CLOCK_MONOTONIC, &ts)
        case .cron: clock_gettime(CLOCK_REALTIME, &ts)
        }
        return Int64(ts.tv_sec) * 1_000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// The first slot: at once for an interval, the next named minute for cron.
    func firstSlot(now: Int64) -> Int64? {
        switch self {
        case .every: now
        case .cron: slot(after: now)
        }
    }

    /// The slot that follows `slot`, or nil when there is none.
    func slot(after slot: Int64) -> Int64? {
        switch self {
        case .every(let interval):
            return slot + interval.milliseconds
        case .cron(let expression):
            return expression.next(after: time_t(slot / 1_000)).map { Int64($0) * 1_000 + Self.cronStartMargin }
        }
    }

    /// How long after its minute's first instant a cron run starts, in milliseconds: the C library's
    /// `time()` (and so Lua's `os.time` and `os.date`) reads a coarse clock that can lag the precise
    /// one by a clock tick, so a run started at the instant itself could still see the previous
    /// minute (a daily report named after yesterday).
    static let cronStartMargin: Int64 = 25

    var description: String {
        switch self {
        case .every(let interval): "every \(interval)"
        case .cron(let expression): "cron \(expression)"
        }
    }
}
