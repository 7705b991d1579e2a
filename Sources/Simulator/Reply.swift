import Hummingbird

/// Builders for the answers the simulated org gives.
enum Reply {
    static let limitInfo = HTTPFields.Element.Name("Sforce-Limit-Info")!

    static func json(_ status: HTTPResponse.Status, _ body: String, limitInfo: String? = nil) -> Response {
        make(status, body, contentType: "application/json;charset=UTF-8", limitInfo: limitInfo)
    }

    static func xml(_ status: HTTPResponse.Status, _ body: String, limitInfo: String? = nil) -> Response {
        make(status, body, contentType: "application/xml", limitInfo: limitInfo)
    }

    static func make(_ status: HTTPResponse.Status, _ body: String, contentType: String, limitInfo: String? = nil)
        -> Response
    {
        var headers: HTTPFields = [.contentType: contentType]
        if let limitInfo { headers[Self.limitInfo] = limitInfo }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func empty(_ status: HTTPResponse.Status, limitInfo: String? = nil) -> Response {
        var headers: HTTPFields = [:]
        if let limitInfo { headers[Self.limitInfo] = limitInfo }
        return Response(status: status, headers: headers)
    }

    /// A REST error body: `[{"errorCode":"…","message":"…"}]`.
    static func restError(_ status: HTTPResponse.Status, _ code: String, _ message: String, limitInfo: String? = nil)
        -> Response
    {
        var error = JSONWriter()
        error.string("errorCode", code)
        error.string("message", message)
        return json(status, JSONWriter.array([error.result]), limitInfo: limitInfo)
    }

    static func notFound(limitInfo: String? = nil) -> Response {
        restError(.notFound, "NOT_FOUND", "The requested resource does not exist", limitInfo: limitInfo)
    }

    static func invalidSession() -> Response {
        restError(.unauthorized, "INVALID_SESSION_ID", "Session expired or invalid")
    }

    /// A Bulk 1.0 error: `<error>` in XML, or the flat JSON object; always HTTP 400.
    static func asyncError(_ code: String, _ message: String, json asJSON: Bool, limitInfo: String? = nil) -> Response {
        if asJSON {
            var error = JSONWriter()
            error.string("exceptionCode", code)
            error.string("exceptionMessage", message)
            return json(.badRequest, error.result, limitInfo: limitInfo)
        }
        var error = XMLWriter()
        error.element("exceptionCode", code)
        error.element("exceptionMessage", message)
        return xml(.badRequest, error.document(root: "error", namespace: asyncNamespace), limitInfo: limitInfo)
    }

    /// An OAuth token endpoint error.
    static func oauthError(_ error: String, _ description: String, status: HTTPResponse.Status = .badRequest)
        -> Response
    {
        var body = JSONWriter()
        body.string("error", error)
        body.string("error_description", description)
        return json(status, body.result)
    }
}

extension Request {
    /// The request body as text, up to 16 MB.
    func text() async throws -> String {
        let buffer = try await body.collect(upTo: 16 * 1024 * 1024)
        return String(buffer: buffer)
    }

    func header(_ name: String) -> String? {
        HTTPFields.Element.Name(name).flatMap { headers[$0] }
    }
}

/// A request turned away before reaching its route, with the answer to give.
struct RefusedRequest: Error {
    let response: Response
}

/// Runs a route body, answering with the response of a refused request.
func answer(_ body: () async throws -> Response) async throws -> Response {
    do {
        return try await body()
    } catch let refused as RefusedRequest {
        return refused.response
    }
}
