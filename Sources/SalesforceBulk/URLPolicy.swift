import CCurl

/// Which base URLs the client may talk to: `https` anywhere, plain `http` only to
/// loopback hosts (127.0.0.0/8, ::1, localhost). URLs are read with libcurl's own
/// parser so the client and libcurl agree on the host.
enum URLPolicy {
    /// A checked base URL without a trailing slash.
    struct Base: Equatable {
        var url: String
        var allowsHTTP: Bool
    }

    /// Validates `text` as a base URL (scheme and host, optional port and path).
    static func base(_ text: String, role: String) throws(SalesforceError) -> Base {
        try CurlLibrary.load()
        var trimmed = text.trimmingSpaces
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        var scheme = [CChar](repeating: 0, count: 16)
        var host = [CChar](repeating: 0, count: 256)
        let parsed = ccurl_url_scheme_host(trimmed, &scheme, scheme.count, &host, host.count)
        guard parsed == 0, trimmed.contains("://") else {
            throw SalesforceError(kind: .connection, code: "NOT_CONFIGURED", message: "\(role) \"\(Redaction.redact(trimmed))\" is not a URL")
        }
        let schemeName = Self.text(scheme).lowercased()
        let hostName = Self.text(host).lowercased()
        switch schemeName {
        case "https":
            return Base(url: trimmed, allowsHTTP: false)
        case "http" where isLoopback(hostName):
            return Base(url: trimmed, allowsHTTP: true)
        case "http":
            throw SalesforceError(
                kind: .connection, code: "INSECURE_URL",
                message: "\(role) \(Redaction.redact(trimmed)) must use https (http is allowed only for loopback hosts)")
        default:
            throw SalesforceError(
                kind: .connection, code: "UNSUPPORTED_PROTOCOL",
                message: "\(role) \(Redaction.redact(trimmed)) must use https, not \(schemeName)")
        }
    }

    /// The text of a NUL-terminated buffer.
    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `host` (as libcurl reports it) is 127.0.0.0/8, ::1 or localhost.
    static func isLoopback(_ host: String) -> Bool {
        var name = host
        if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" || name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in
            guard let octet = Int(part), (0...255).contains(octet), part.allSatisfy(\.isASCII) else { return false }
            return true
        }
    }

    /// The `scheme://host[:port]` part of `url` (as for a SOAP `serverUrl`).
    static func origin(of url: String) -> String? {
        guard let separator = url.range(of: "://") else { return nil }
        let rest = url[separator.upperBound...]
        let end = rest.firstIndex(of: "/") ?? rest.endIndex
        guard end > rest.startIndex else { return nil }
        return String(url[..<end])
    }
}

extension ConnectionSettings {
    /// Checks the URLs these settings name (the instance URL, and a login URL other than the default) as
    /// every request would, so that `sf.connect` reports a bad one at once rather than at its first call.
    public func checkURLs() throws(SalesforceError) {
        if let instanceURL { _ = try URLPolicy.base(instanceURL, role: "instance URL") }
        if loginURL != Self.defaultLoginURL { _ = try URLPolicy.base(loginURL, role: "login URL") }
    }
}
