/// What the client accepts from a server before it gives up on an answer: enough for
/// any real Salesforce answer, little enough that a broken or hostile server cannot
/// fill memory or hold a call forever.
enum ResponseLimits {
    /// The largest body kept: 32 MiB (a page of 1000 jobs is under 1 MiB).
    static let bodyBytes = 32 << 20
    /// The most header bytes, status line included: 256 KiB.
    static let headerBytes = 256 << 10
    /// The most header lines, status line included.
    static let headerLines = 1000
    /// An exchange slower than this many bytes a second ...
    static let lowSpeedBytesPerSecond = 64
    /// ... for this many seconds has stalled and ends as a `timeout`.
    static let lowSpeedSeconds = 60
}
