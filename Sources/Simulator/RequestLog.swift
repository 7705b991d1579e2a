/// One request the simulated org answered (or refused to).
public struct SimRequestRecord: Sendable, Equatable {
    public var method: String
    public var path: String
    public var query: String?
    public var status: Int
    /// The fault that shaped the answer, if any.
    public var fault: SimFaultKind?
    /// The `User-Agent` and `Accept-Encoding` the client sent.
    public var userAgent: String?
    public var acceptEncoding: String?
    /// The `Content-Encoding` of the answer (`gzip` when the client asked for it).
    public var answerEncoding: String? = nil
}

/// Every API request in arrival order, so tests can see what a client sent.
/// Under load (a benchmark) it keeps only the latest `capacity` records.
final class RequestLog: Sendable {
    static let capacity = 100_000
    private let records = Locked<[SimRequestRecord]>([])

    func append(_ record: SimRequestRecord) {
        records.withLock { records in
            if records.count >= Self.capacity { records.removeFirst(Self.capacity / 2) }
            records.append(record)
        }
    }

    var all: [SimRequestRecord] { records.withLock { $0 } }

    func clear() { records.withLock { $0.removeAll() } }
}
