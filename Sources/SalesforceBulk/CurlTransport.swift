import CCurl
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// HTTP over one long-lived libcurl multi handle: connections, DNS and TLS
/// sessions are reused across calls, and many exchanges run at once.
///
/// Confined to one thread (the Lua thread); only ``waker`` may be used elsewhere.
/// Security settings on every exchange: TLS verification on (libcurl's default,
/// never turned off), `https` only unless the request allows `http` for a loopback
/// host, no redirects followed, proxies from the environment as libcurl reads them, trusted
/// certificates from `CURL_CA_BUNDLE` or `SSL_CERT_FILE` when set (else the system's),
/// answers held within ``ResponseLimits``, and a debug log whose credentials are redacted.
final class CurlTransport {
    /// A write to a connection the server closed must fail with EPIPE, not end the process.
    private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    private let multi: UnsafeMutableRawPointer
    private var idle: [CurlTransfer] = []
    /// The exchanges in flight, as many as the call's concurrency, found by their easy handle: at
    /// the concurrencies batches use, a scan of the pointers costs less than hashing one.
    private var running: [CurlTransfer] = []
    let waker: MultiWaker
    let logger: Logger
    private let userAgent: String
    /// The CA bundle that replaces the system's trusted certificates, when the environment names one.
    private let caBundle: String? = ["CURL_CA_BUNDLE", "SSL_CERT_FILE"].lazy
        .compactMap { (name: String) in getenv(name).map { String(cString: $0) } }.first { !$0.isEmpty }

    /// Needs libcurl loaded (``CurlLibrary/load()``).
    init(logger: Logger, userAgent: String) {
        _ = Self.ignoreSIGPIPE
        guard let multi = ccurl_multi_init() else { fatalError("curl_multi_init failed") }
        self.multi = multi
        self.logger = logger
        self.userAgent = userAgent
        waker = MultiWaker(multi)
        // Keep enough idle connections for concurrent batches to find them again.
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, 64)
    }

    deinit {
        waker.invalidate()
        for transfer in running {
            _ = ccurl_multi_remove_handle(multi, transfer.easy)
        }
        running.removeAll()
        idle.removeAll()
        _ = ccurl_multi_cleanup(multi)
    }

    /// Number of exchanges in flight.
    var activeCount: Int { running.count }

    /// Starts `request`; its outcome comes back from ``completions()`` under `tag`.
    func start(_ request: HTTPRequest, tag: Int) -> CurlTransfer {
        let transfer = idle.popLast() ?? CurlTransfer(userAgent: userAgent, caBundle: caBundle, logger: logger)
        transfer.prepare(request, tag: tag)
        _ = ccurl_multi_add_handle(multi, transfer.easy)
        running.append(transfer)
        return transfer
    }

    /// Takes the exchange of `easy` out of those in flight.
    private func removeRunning(_ easy: UnsafeMutableRawPointer) -> CurlTransfer? {
        guard let index = running.firstIndex(where: { $0.easy == easy }) else { return nil }
        return running.remove(at: index)
    }

    /// Abandons an exchange in flight.
    func cancel(_ transfer: CurlTransfer) {
        guard removeRunning(transfer.easy) != nil else { return }
        _ = ccurl_multi_remove_handle(multi, transfer.easy)
        transfer.finish()
        idle.append(transfer)
    }

    /// Drives every exchange as far as it can go without waiting and returns those that finished.
    func completions() -> [(tag: Int, outcome: Result<HTTPResponse, TransportFailure>)] {
        var stillRunning: Int32 = 0
        _ = ccurl_multi_perform(multi, &stillRunning)
        var finished: [(tag: Int, outcome: Result<HTTPResponse, TransportFailure>)] = []
        var done: UnsafeMutableRawPointer?
        var code = CURLE_OK
        while ccurl_multi_next_done(multi, &done, &code) != 0 {
            guard let easy = done, let transfer = removeRunning(easy) else { continue }
            _ = ccurl_multi_remove_handle(multi, easy)
            finished.append((transfer.tag, transfer.outcome(code)))
            transfer.finish()
            idle.append(transfer)
        }
        return finished
    }

    /// Waits up to `milliseconds` for network activity, a curl timer or ``MultiWaker/wake()``.
    func poll(milliseconds: Int) {
        let wait = Int32(clamping: max(0, milliseconds))
        _ = ccurl_multi_poll(multi, wait)
    }
}

/// Wakes a ``CurlTransport`` blocked in `poll` from any thread.
final class MultiWaker: @unchecked Sendable {
    private var multi: UnsafeMutableRawPointer?
    private var lock = pthread_mutex_t()

    init(_ multi: UnsafeMutableRawPointer) {
        self.multi = multi
        pthread_mutex_init(&lock, nil)
    }

    deinit { pthread_mutex_destroy(&lock) }

    /// Interrupts the current or next `poll`; a no-op once the transport is gone.
    func wake() {
        pthread_mutex_lock(&lock)
        if let multi { _ = ccurl_multi_wakeup(multi) }
        pthread_mutex_unlock(&lock)
    }

    fileprivate func invalidate() {
        pthread_mutex_lock(&lock)
        multi = nil
        pthread_mutex_unlock(&lock)
    }
}
