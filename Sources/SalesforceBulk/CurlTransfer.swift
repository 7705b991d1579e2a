import CCurl
import Logging

/// One libcurl easy handle with the buffers an exchange needs; reused from exchange
/// to exchange by ``CurlTransport``, which owns it.
final class CurlTransfer {
    let easy: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// How many times libcurl sent this exchange's request (see `ccurl_easy_count_sends`).
    private let sends: UnsafeMutablePointer<Int32>
    private var headerList: UnsafeMutablePointer<curl_slist>?
    fileprivate var body: [UInt8] = []
    /// Set when the transport logs at trace level: libcurl's debug lines go to it.
    fileprivate var logger: Logger?
    /// Whether the handle currently allows `http` besides `https`.
    private var allowsHTTP = false
    /// Whether the handle currently asks for compressed answers.
    private var acceptsCompression = false
    /// Whether libcurl holds a copy of the request body to drop after the exchange.
    private var sentBody = false
    private(set) var tag = 0
    /// Which ``ResponseLimits`` limit the answer broke, ending the exchange.
    fileprivate var overflow: Overflow?
    fileprivate var headerBytes = 0
    fileprivate var headerLines = 0
    /// Whether the last header line received was the blank one that ends a header block.
    fileprivate var headersEnded = false
    /// `User-Agent: …`, sent as a header line of its own: libcurl formats the `CURLOPT_USERAGENT`
    /// line anew for every request, character by character.
    private let userAgentLine: String
    /// The URL libcurl sends to, kept between exchanges (see ``CurlLocation``).
    private let location = CurlLocation()

    fileprivate enum Overflow {
        case body, headers
    }

    /// A handle with the options every exchange shares already set; ``prepare(_:tag:)`` adds
    /// what differs from one exchange to the next.
    init(userAgent: String, caBundle: String?, logger: Logger) {
        guard let easy = ccurl_easy_init() else { fatalError("curl_easy_init failed") }
        self.easy = easy
        userAgentLine = "User-Agent: " + userAgent
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        sends = .allocate(capacity: 1)
        sends.initialize(to: 0)
        setSharedOptions(caBundle: caBundle, logger: logger)
    }

    deinit {
        ccurl_easy_cleanup(easy)
        ccurl_slist_free_all(headerList)
        errorBuffer.deallocate()
        sends.deallocate()
    }

    /// Sets the options of `request` (URL, allowed schemes, method, body, headers, timeout).
    /// Every option one request sets and another may not is set on each call, so nothing of the
    /// previous exchange carries over.
    func prepare(_ request: HTTPRequest, tag: Int) {
        self.tag = tag
        body.removeAll(keepingCapacity: true)
        overflow = nil
        headerBytes = 0
        headerLines = 0
        headersEnded = false
        errorBuffer[0] = 0
        sends.pointee = 0

        // libcurl sends to the URL handle; the text is what it reports and repeats a request with
        // (a request that met a closed kept-alive connection). Without a handle it parses the text.
        // Strings go to C through `withCString`, which lends their bytes (passing one as a pointer copies it).
        _ = request.url.withCString { ccurl_easy_setopt_string(easy, CURLOPT_URL, $0) }
        _ = ccurl_easy_setopt_curlu(easy, location.point(at: request.url))
        if allowsHTTP != request.allowsHTTP {
            allowsHTTP = request.allowsHTTP
            _ = ccurl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, request.allowsHTTP ? "http,https" : "https")
        }
        _ = ccurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, request.timeoutMilliseconds)
        if acceptsCompression != request.acceptsCompression {
            // The encodings Salesforce compresses with ("" would list every one libcurl knows). libcurl
            // writes the line anew for every request, a character at a time, so a short answer goes without.
            acceptsCompression = request.acceptsCompression
            _ = ccurl_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, request.acceptsCompression ? "gzip, deflate" : nil)
        }

        switch request.method {
        case .get:
            _ = ccurl_easy_setopt_long(easy, CURLOPT_HTTPGET, 1)
            _ = ccurl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, nil)
        case .post, .patch:
            let payload = request.body ?? []
            sentBody = true
            _ = ccurl_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(payload.count))
            payload.withUnsafeBytes { bytes in
                _ = ccurl_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(errorBuffer)))
            }
            _ = ccurl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, request.method == .patch ? "PATCH" : nil)
        case .delete:
            _ = ccurl_easy_setopt_long(easy, CURLOPT_HTTPGET, 1)
            _ = ccurl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, "DELETE")
        }

        ccurl_slist_free_all(headerList)
        headerList = userAgentLine.withCString { ccurl_slist_append(nil, $0) }
        for line in request.headers {
            headerList = line.withCString { ccurl_slist_append(headerList, $0) }
        }
        if let credential = request.credential {
            headerList = credential.withCString { ccurl_slist_append(headerList, $0) }
        }
        // No `Expect: 100-continue` wait before a body.
        if sentBody { headerList = ccurl_slist_append(headerList, "Expect:") }
        _ = ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList)
    }

    /// The options that stay the same for every exchange of the handle: security, limits,
    /// callbacks and the debug log.
    private func setSharedOptions(caBundle: String?, logger: Logger) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = ccurl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "https")
        _ = ccurl_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "https")
        _ = ccurl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0)
        _ = ccurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1)
        _ = ccurl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2)
        _ = ccurl_easy_setopt_long(easy, CURLOPT_SSLVERSION, Int(CURL_SSLVERSION_TLSv1_2))
        if let caBundle { _ = ccurl_easy_setopt_string(easy, CURLOPT_CAINFO, caBundle) }
        _ = ccurl_easy_setopt_long(easy, CURLOPT_PIPEWAIT, 1)
        _ = ccurl_easy_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1)
        _ = ccurl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = ccurl_easy_count_sends(easy, sends)
        _ = ccurl_easy_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(ResponseLimits.bodyBytes))
        _ = ccurl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, ResponseLimits.lowSpeedBytesPerSecond)
        _ = ccurl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, ResponseLimits.lowSpeedSeconds)
        _ = ccurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
        _ = ccurl_easy_setopt_write_function(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            guard transfer.body.count + length <= ResponseLimits.bodyBytes else {
                transfer.overflow = .body
                return 0  // libcurl ends the exchange with CURLE_WRITE_ERROR
            }
            if let data, length > 0 {
                data.withMemoryRebound(to: UInt8.self, capacity: length) {
                    transfer.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
                }
            }
            return length
        }
        _ = ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
        _ = ccurl_easy_setopt_write_function(easy, CURLOPT_HEADERFUNCTION) { _, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            transfer.headerBytes += length
            transfer.headerLines += 1
            transfer.headersEnded = length <= 2  // "\r\n" or "\n": no header line is that short
            guard transfer.headerBytes <= ResponseLimits.headerBytes, transfer.headerLines <= ResponseLimits.headerLines else {
                transfer.overflow = .headers
                return 0
            }
            return length
        }

        if logger.logLevel <= .trace {
            self.logger = logger
            _ = ccurl_easy_setopt_long(easy, CURLOPT_VERBOSE, 1)
            _ = ccurl_easy_setopt_pointer(easy, CURLOPT_DEBUGDATA, context)
            _ = ccurl_easy_setopt_debug_function(easy) { _, kind, data, size, context in
                guard let context, let data else { return 0 }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                let direction: String
                switch kind {
                case CURLINFO_TEXT: direction = "*"
                case CURLINFO_HEADER_OUT: direction = ">"
                case CURLINFO_HEADER_IN: direction = "<"
                default: return 0  // bodies may carry tokens: never logged
                }
                let text = data.withMemoryRebound(to: UInt8.self, capacity: size) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: size), as: UTF8.self)
                }
                for line in Redaction.redact(text).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
                where !line.isEmpty {
                    transfer.logger?.trace("\(direction) \(line)", metadata: ["event": "curl"])
                }
                return 0
            }
        }
    }

    /// The response, or why there is none, once libcurl reported `code` for the exchange.
    func outcome(_ code: CURLcode) -> Result<HTTPResponse, TransportFailure> {
        if let failure = limitFailure(code) { return .failure(failure) }
        guard code == CURLE_OK else {
            let detail = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: ccurl_easy_strerror(code))
            return .failure(CurlErrors.failure(code: code, detail: Redaction.redact(detail)))
        }
        var status = 0
        _ = ccurl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var contentType: UnsafeMutablePointer<CChar>?
        _ = ccurl_easy_getinfo_string(easy, CURLINFO_CONTENT_TYPE, &contentType)
        var retryAfter: curl_off_t = 0
        _ = ccurl_easy_getinfo_off(easy, CURLINFO_RETRY_AFTER, &retryAfter)
        let limitInfo = ccurl_response_header(easy, "Sforce-Limit-Info").map { String(cString: $0) }
        return .success(
            HTTPResponse(
                status: status, body: body, contentType: contentType.map { String(cString: $0) },
                retryAfter: retryAfter > 0 ? Double(retryAfter) : nil, limitInfo: limitInfo, sentAgain: sends.pointee > 1))
    }

    /// The failure of an exchange that broke a ``ResponseLimits`` limit, or nil.
    private func limitFailure(_ code: CURLcode) -> TransportFailure? {
        if overflow == .body || code == CURLE_FILESIZE_EXCEEDED {
            return TransportFailure(
                code: "RESPONSE_TOO_LARGE", message: "the answer is larger than \(ResponseLimits.bodyBytes >> 20) MiB",
                timedOut: false, neverSent: false, transient: false, unreadable: true)
        }
        if overflow == .headers {
            return TransportFailure(
                code: "HEADERS_TOO_LARGE",
                message: "the answer has more than \(ResponseLimits.headerLines) header lines or \(ResponseLimits.headerBytes >> 10) KiB of headers",
                timedOut: false, neverSent: false, transient: false, unreadable: true)
        }
        // libcurl refuses a single header line over its own limit (100 KiB) as out of memory.
        if code == CURLE_OUT_OF_MEMORY && !headersEnded && body.isEmpty {
            return TransportFailure(
                code: "HEADERS_TOO_LARGE", message: "the answer has a header line longer than libcurl accepts (100 KiB)",
                timedOut: false, neverSent: false, transient: false, unreadable: true)
        }
        // libcurl's words for a low-speed abort, as opposed to the call's own timeout.
        guard code == CURLE_OPERATION_TIMEDOUT, String(cString: errorBuffer).hasPrefix("Operation too slow") else { return nil }
        return TransportFailure(
            code: "OPERATION_TIMEDOUT",
            message: "the server sent less than \(ResponseLimits.lowSpeedBytesPerSecond) bytes a second for \(ResponseLimits.lowSpeedSeconds) s",
            timedOut: true, neverSent: false, transient: false)
    }

    /// Releases what the finished exchange held; its headers and body (credentials among them)
    /// do not outlive it in libcurl's copy either.
    func finish() {
        _ = ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, nil)
        ccurl_slist_free_all(headerList)
        headerList = nil
        if sentBody {
            _ = ccurl_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, nil)
            sentBody = false
        }
        if body.capacity > 1 << 20 { body = [] }
    }
}

/// libcurl result codes as the client reports them.
enum CurlErrors {
    private static let names: [UInt32: String] = [
        1: "UNSUPPORTED_PROTOCOL", 3: "URL_MALFORMAT", 5: "COULDNT_RESOLVE_PROXY", 6: "COULDNT_RESOLVE_HOST",
        7: "COULDNT_CONNECT", 16: "HTTP2", 18: "PARTIAL_FILE", 23: "WRITE_ERROR", 27: "OUT_OF_MEMORY",
        28: "OPERATION_TIMEDOUT", 35: "SSL_CONNECT_ERROR", 42: "ABORTED_BY_CALLBACK", 47: "TOO_MANY_REDIRECTS",
        52: "GOT_NOTHING", 55: "SEND_ERROR", 56: "RECV_ERROR", 58: "SSL_CERTPROBLEM", 59: "SSL_CIPHER",
        60: "PEER_FAILED_VERIFICATION", 61: "BAD_CONTENT_ENCODING", 77: "SSL_CACERT_BADFILE", 92: "HTTP2_STREAM",
    ]
    /// Network trouble that a later attempt may not meet.
    private static let transient: Set<UInt32> = [5, 6, 7, 16, 18, 28, 35, 52, 55, 56, 92]
    /// Failures before the request could leave the machine.
    private static let beforeSending: Set<UInt32> = [5, 6, 7, 35]

    static func failure(code: CURLcode, detail: String) -> TransportFailure {
        let raw = code.rawValue
        return TransportFailure(
            code: names[raw] ?? "CURL_ERROR_\(raw)", message: detail, timedOut: code == CURLE_OPERATION_TIMEDOUT,
            neverSent: beforeSending.contains(raw), transient: transient.contains(raw))
    }
}
