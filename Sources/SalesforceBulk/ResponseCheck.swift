/// The checks every successful answer passes before a call reads it: a JSON or XML
/// content type (not the HTML page of a proxy or captive portal) and valid UTF-8.
enum ResponseCheck {
    /// Why the 2xx `response` cannot be read, or nil when it may be.
    static func problem(_ response: HTTPResponse, jobID: String?) -> SalesforceError? {
        guard (200..<300).contains(response.status), !response.body.isEmpty else { return nil }
        if let contentType = response.contentType.map(mediaType), !isReadable(contentType) {
            return SalesforceError(
                kind: .protocol, code: "BAD_RESPONSE",
                message: "expected JSON or XML, got \(Redaction.redact(contentType)) with HTTP \(response.status)\(ErrorMapping.excerpt(response.body))",
                status: response.status, jobID: jobID)
        }
        if String(validating: response.body, as: UTF8.self) == nil {
            return SalesforceError(
                kind: .protocol, code: "BAD_RESPONSE",
                message: "the answer (HTTP \(response.status), \(response.body.count) bytes) is not valid UTF-8",
                status: response.status, jobID: jobID)
        }
        return nil
    }

    /// `text/html` of `text/html; charset=UTF-8`.
    private static func mediaType(_ contentType: String) -> String {
        contentType.split(separator: ";").first.map { String($0).trimmingSpaces } ?? ""
    }

    /// Whether a media type names JSON or XML (`application/json`, `text/xml`, `application/soap+xml`, ...).
    private static func isReadable(_ mediaType: String) -> Bool {
        let type = mediaType.lowercased()
        return type.hasSuffix("/json") || type.hasSuffix("+json") || type.hasSuffix("/xml") || type.hasSuffix("+xml")
    }
}
