/// Whether a successful answer is something the client may read: JSON or XML, in UTF-8.
/// Runs on every response, so it works on bytes and builds no strings unless it refuses.
enum ResponseCheck {
    /// Why the 2xx `response` cannot be read, or nil when it may be.
    static func problem(_ response: HTTPResponse, jobID: String?) -> SalesforceError? {
        guard (200..<300).contains(response.status), !response.body.isEmpty else { return nil }
        if let contentType = response.contentType, !isReadable(mediaType: contentType) {
            return SalesforceError(
                kind: .protocol, code: "BAD_RESPONSE",
                message: "expected JSON or XML, got \(Redaction.redact(mediaTypeText(contentType))) with HTTP \(response.status)\(ErrorMapping.excerpt(response.body))",
                status: response.status, jobID: jobID)
        }
        if !isUTF8(response.body) {
            return SalesforceError(
                kind: .protocol, code: "BAD_RESPONSE",
                message: "the answer (HTTP \(response.status), \(response.body.count) bytes) is not valid UTF-8",
                status: response.status, jobID: jobID)
        }
        return nil
    }

    /// Whether the media type of a `Content-Type` value names JSON or XML
    /// (`application/json`, `text/xml`, `application/soap+xml;charset=UTF-8`, ...), any case.
    static func isReadable(mediaType contentType: String) -> Bool {
        var type = Array(contentType.utf8.prefix { $0 != UInt8(ascii: ";") })
        while let last = type.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { type.removeLast() }
        let lowered = type.map { $0 | (($0 >= 0x41 && $0 <= 0x5A) ? 0x20 : 0) }
        return ["/json", "+json", "/xml", "+xml"].contains { suffix in lowered.ends(with: suffix.utf8) }
    }

    /// `text/html` of `text/html; charset=UTF-8`.
    private static func mediaTypeText(_ contentType: String) -> String {
        contentType.split(separator: ";").first.map { String($0).trimmingSpaces } ?? ""
    }

    /// Whether `bytes` are UTF-8; answers are nearly always ASCII, checked eight bytes at a time.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        let asciiPrefix = bytes.withUnsafeBytes { raw -> Int in
            var offset = 0
            while offset + 8 <= raw.count {
                if raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return offset }
                offset += 8
            }
            while offset < raw.count, raw[offset] < 0x80 { offset += 1 }
            return offset
        }
        if asciiPrefix == bytes.count { return true }
        return String(validating: bytes[asciiPrefix...], as: UTF8.self) != nil
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: String.UTF8View) -> Bool {
        count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}
