/// How to start a simulated org: where it listens, what it holds, how fast its time runs.
public struct SimulatorOptions: Sendable {
    /// A loopback address; the simulated org never listens elsewhere.
    public var host = "127.0.0.1"
    /// 0 picks a free port.
    public var port = 0
    /// How many seeded jobs the org starts with; 0 is an empty org.
    public var jobs = 300
    /// Seeds the generated data, so the same seed always builds the same org.
    public var seed: UInt64 = 1
    public var apiVersion = "66.0"
    /// Simulated seconds per real second.
    public var clockSpeed = 1.0
    /// Records per page of the job lists (Salesforce: 1000).
    public var pageSize = 1000
    /// Simulated seconds a job waits in `UploadComplete` before it starts.
    public var queueSeconds = 2.0
    /// Simulated seconds a job spends `InProgress`.
    public var processingSeconds = 8.0
    /// `DailyApiRequests` Max.
    public var dailyApiRequests = 100_000
    /// The simulated time at start, in seconds since 1970; nil is the real time.
    public var startTime: Double?

    public init() {}
}
