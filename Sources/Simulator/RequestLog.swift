/// One request the simulated org answered (or refused to).
public struct SimRequestRecord: Sendable, Equatable {
    public var method: String
    public var path: String
    public var query: String?
    public var status: Int
    /// The fault that shaped the answer, if any.
    public var fault: SimFaultKind?
}

/// Every API request in arrival order, so tests can see what a client sent.
final class RequestLog: Sendable {
    private let records = Locked<[SimRequestRecord]>([])

    func append(_ record: SimRequestRecord) { records.withLock { $0.append(record) } }

    var all: [SimRequestRecord] { records.withLock { $0 } }

    func clear() { records.withLock { $0.removeAll() } }
}
