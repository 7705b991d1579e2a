import Foundation

/// A misbehaviour the simulated org shows on demand, for testing clients.
public enum SimFaultKind: String, Sendable, CaseIterable {
    /// 503 Service Unavailable with `Retry-After`.
    case status503
    /// 429 Too Many Requests with `Retry-After`; Salesforce documents 403 instead, but clients meet 429 behind proxies.
    case status429
    /// The connection is closed without an answer.
    case drop
    /// The request is carried out, then the connection is closed without its answer: the answer
    /// is lost on the way back.
    case lostAnswer
    /// The answer comes late.
    case delay
    /// The answer is 200 with a truncated, garbled body.
    case malformed
    /// 403 `REQUEST_LIMIT_EXCEEDED`.
    case limitExceeded
    /// Every session expires just before the request is handled.
    case expireTokens
    /// 200 with an endless JSON body (4 GiB), generated as it streams.
    case hugeBody
    /// 200 with sixty thousand header lines (about 3 MB).
    case endlessHeaders
    /// 200 with the body sent one byte at a time, `intervalMilliseconds` apart.
    case slowDrip
    /// 200 with the real JSON answer, invalid UTF-8 bytes in its first string value.
    case invalidUTF8
    /// 200 with an HTML login page as `text/html`, as proxies and captive portals answer.
    case wrongContentType
}

/// A fault and the requests it applies to.
public struct SimFault: Sendable, Equatable {
    public var kind: SimFaultKind
    /// How many matching requests it affects.
    public var count: Int
    /// `Retry-After` seconds of a 503.
    public var retryAfter: Int
    /// How long a `delay` holds the answer, in real seconds.
    public var delaySeconds: Double
    /// The pause between the bytes of a `slowDrip` body, in real milliseconds.
    public var intervalMilliseconds: Int
    /// Only requests with this method (any when nil).
    public var method: String?
    /// Only requests whose path starts with this (any when nil).
    public var pathPrefix: String?

    public init(
        _ kind: SimFaultKind, count: Int = 1, retryAfter: Int = 1, delaySeconds: Double = 1, intervalMilliseconds: Int = 200,
        method: String? = nil, pathPrefix: String? = nil
    ) {
        self.kind = kind
        self.count = count
        self.retryAfter = retryAfter
        self.delaySeconds = delaySeconds
        self.intervalMilliseconds = intervalMilliseconds
        self.method = method
        self.pathPrefix = pathPrefix
    }

    func matches(method: String, path: String) -> Bool {
        (self.method.map { $0.caseInsensitiveCompare(method) == .orderedSame } ?? true)
            && (pathPrefix.map { path.hasPrefix($0) } ?? true)
    }
}

/// The faults waiting for requests, consumed in the order they were added.
final class FaultBook: Sendable {
    private let faults = Locked<[SimFault]>([])

    func add(_ fault: SimFault) { faults.withLock { $0.append(fault) } }

    func clear() { faults.withLock { $0.removeAll() } }

    /// The first fault that matches the request, with one use taken from it.
    func take(method: String, path: String) -> SimFault? {
        faults.withLock { faults in
            guard !faults.isEmpty,
                let index = faults.firstIndex(where: { $0.count > 0 && $0.matches(method: method, path: path) })
            else { return nil }
            faults[index].count -= 1
            let fault = faults[index]
            if fault.count <= 0 { faults.remove(at: index) }
            return fault
        }
    }
}
