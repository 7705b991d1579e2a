/// One HTTP exchange as the transport performs it: an absolute URL, headers and an optional body.
struct HTTPRequest {
    enum Method: String {
        case get = "GET", post = "POST", patch = "PATCH", delete = "DELETE"
    }

    var method: Method
    var url: String
    /// Complete header lines, e.g. `Accept: application/json`.
    var headers: [String]
    /// The session's header line (`Authorization: Bearer …`, `X-SFDC-Session: …`), sent after `headers`.
    var credential: String? = nil
    var body: [UInt8]?
    /// Whether plain `http` may be used (only for loopback hosts).
    var allowsHTTP: Bool
    /// The whole exchange's time limit in milliseconds; 0 means none.
    var timeoutMilliseconds: Int
    /// Whether to send `Accept-Encoding: gzip, deflate` (and decode what comes back).
    var acceptsCompression = false
}

/// What came back: the status, the body and the few headers the client reads.
struct HTTPResponse {
    var status: Int
    var body: [UInt8]
    var contentType: String?
    /// Seconds from `Retry-After`, when the server sent one.
    var retryAfter: Double?
    /// The `Sforce-Limit-Info` header, when present.
    var limitInfo: String?
    /// libcurl sent the request more than once: a kept-alive connection turned out closed after the
    /// first send, and libcurl sent it again on a new one. The first may have reached the server.
    var sentAgain = false
}

/// Why an exchange produced no response.
struct TransportFailure: Error {
    /// libcurl's code name without the `CURLE_` prefix, e.g. `COULDNT_CONNECT`.
    var code: String
    var message: String
    /// The call's time ran out (curl code 28).
    var timedOut: Bool
    /// The request certainly never reached the server (name resolution or connect failed).
    var neverSent: Bool
    /// A retry may succeed (network trouble rather than a refused protocol or certificate).
    var transient: Bool
    /// The server's answer broke a ``ResponseLimits`` limit: a `protocol` error, never retried.
    var unreadable = false
}
