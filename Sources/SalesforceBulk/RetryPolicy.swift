/// When and how long to wait before repeating a request: exponential backoff with
/// full jitter, `Retry-After` honoured (a longer wait than the cap ends the call), and a
/// bounded number of attempts.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included.
    public var maximumAttempts: Int
    /// The first backoff ceiling in seconds; it doubles with every retry.
    public var baseDelay: Double
    /// The largest backoff in seconds.
    public var maximumDelay: Double
    /// The longest `Retry-After` waited for, in seconds; a server that asks for more is not asked again.
    public var maximumRetryAfter: Double

    public init(maximumAttempts: Int = 5, baseDelay: Double = 0.25, maximumDelay: Double = 8, maximumRetryAfter: Double = 30) {
        self.maximumAttempts = maximumAttempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// The default policy.
    public static let standard = RetryPolicy()

    /// HTTP statuses that a repeated request may get past.
    static let retryableStatuses: Set<Int> = [500, 502, 503, 504]

    /// Seconds to wait before attempt `attempt + 1` (attempts count from 1), or nil when no attempt is left
    /// or the server asks for a longer wait than ``maximumRetryAfter``. `retryAfter` is the server's wish;
    /// `random` is uniform in [0, 1).
    func delay(afterAttempt attempt: Int, retryAfter: Double?, random: Double) -> Double? {
        guard attempt < maximumAttempts else { return nil }
        if let retryAfter, retryAfter > 0 {
            return retryAfter <= maximumRetryAfter ? retryAfter : nil
        }
        let ceiling = min(maximumDelay, baseDelay * Double(1 << min(attempt - 1, 30)))
        return ceiling * (0.5 + random / 2)
    }
}
