/// Points on the monotonic clock (`clua_monotonic_ns`) a number of seconds away.
enum MonotonicClock {
    /// `seconds` (negative as 0) after `start`, in nanoseconds; a span past what 64 bits hold
    /// (some 290 years) ends at the last representable instant, so a huge sleep or deadline
    /// means "until interrupted" rather than an overflow.
    static func nanoseconds(after start: Int64, seconds: Double) -> Int64 {
        let span = max(0, seconds) * 1e9
        guard span < Double(Int64.max - start) else { return Int64.max }
        return start + Int64(span)
    }
}
