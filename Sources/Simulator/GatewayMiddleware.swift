import Hummingbird

/// Stands in front of every API route: applies injected faults, records the
/// request log, and answers unknown paths the way Salesforce does.
struct GatewayMiddleware: RouterMiddleware {
    typealias Context = SimulatorContext

    /// The error that ends a request whose connection a fault dropped.
    struct Dropped: Error {}

    let faults: FaultBook
    let log: RequestLog
    let auth: AuthStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let path = request.uri.path
        if path.hasPrefix("/__simulator/") { return try await next(request, context) }
        let method = request.method.rawValue
        let fault = faults.take(method: method, path: path)
        var response: Response
        switch fault?.kind {
        case .drop:
            record(request, status: 0, fault: .drop)
            try? await context.channel.close()
            throw Dropped()
        case .lostAnswer:
            _ = try? await respond(request, context: context, next: next)
            record(request, status: 0, fault: .lostAnswer)
            try? await context.channel.close()
            throw Dropped()
        case .status503:
            response = Reply.restError(.serviceUnavailable, "SERVER_UNAVAILABLE", "Server too busy")
            response.headers[.retryAfter] = String(fault?.retryAfter ?? 1)
        case .status429:
            response = Reply.restError(
                .tooManyRequests, "REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded.")
            response.headers[.retryAfter] = String(fault?.retryAfter ?? 1)
        case .limitExceeded:
            response = Reply.restError(.forbidden, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
        case .delay:
            try await Task.sleep(for: .milliseconds(Int((fault?.delaySeconds ?? 1) * 1000)))
            response = try await compressed(respond(request, context: context, next: next), for: request)
        case .expireTokens:
            auth.expireAll()
            response = try await compressed(respond(request, context: context, next: next), for: request)
        case .malformed:
            response = try await respond(request, context: context, next: next)
            response.status = .ok
            response.headers[.contentLength] = nil
            response.body = response.body.map { buffer in
                var garbled = ByteBuffer(bytes: buffer.readableBytesView.prefix(max(1, buffer.readableBytes / 2)))
                garbled.writeString("\u{1}\u{FFFD}<")
                return garbled
            }
        case .hugeBody:
            response = HostileReplies.hugeBody()
        case .endlessHeaders:
            response = HostileReplies.endlessHeaders()
        case .slowDrip:
            let answer = try await respond(request, context: context, next: next)
            response = HostileReplies.slowDrip(answer, intervalMilliseconds: fault?.intervalMilliseconds ?? 200)
        case .invalidUTF8:
            response = HostileReplies.invalidUTF8(try await respond(request, context: context, next: next))
        case .wrongContentType:
            response = HostileReplies.wrongContentType()
        case nil:
            response = try await compressed(respond(request, context: context, next: next), for: request)
        }
        record(request, status: Int(response.status.code), fault: fault?.kind, answerEncoding: response.headers[.contentEncoding])
        return response
    }

    /// The answer gzipped when the request asked for it; the hostile faults send theirs as they make them.
    private func compressed(_ response: Response, for request: Request) async throws -> Response {
        try await Compression.applied(to: response, acceptEncoding: request.headers[.acceptEncoding])
    }

    private func respond(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return Reply.notFound()
        } catch let error as HTTPError where error.status == .methodNotAllowed {
            return Reply.restError(
                .methodNotAllowed, "METHOD_NOT_ALLOWED", "HTTP Method '\(request.method.rawValue)' not allowed")
        }
    }

    private func record(_ request: Request, status: Int, fault: SimFaultKind?, answerEncoding: String? = nil) {
        log.append(
            SimRequestRecord(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query, status: status,
                fault: fault, userAgent: request.headers[.userAgent], acceptEncoding: request.headers[.acceptEncoding],
                answerEncoding: answerEncoding))
    }
}
