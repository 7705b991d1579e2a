/// Whether a successful answer is something the client may read: JSON or XML, in UTF-8.
/// Runs on every response, so it works on bytes and builds no strings unless it refuses.
enum ResponseCheck {
    /// Why the 2xx `response` cannot be read, or nil when it may be.
    static func problem(_ response: HTTPResponse, jobID: String?) -> SalesforceError? {
        guard (200..<300).contains(response.status), !response.body.isEmpty else { return nil }
        if let contentType = response.contentType, !isReadable(mediaType: contentType) {
            return SalesforceError(
                kind: .protocol, code: "BAD_RESPONSE",
                message: "expected JSON or XML, got \(Redaction.redact(String(decoding: mediaType(contentType.utf8), as: UTF8.self))) with HTTP \(response.status)\(ErrorMapping.excerpt(response.body))",
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
        var text = contentType
        return text.withUTF8 { bytes in
            let type = mediaType(bytes)
            return readableSuffixes.contains { suffix in
                let wanted = UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
                return type.count >= wanted.count && zip(type.suffix(wanted.count), wanted).allSatisfy(sameLetter)
            }
        }
    }

    /// How the media types the client reads end, in lower case.
    private static let readableSuffixes: [StaticString] = ["/json", "+json", "/xml", "+xml"]

    /// Whether a sent byte equals a lower-case expected one, ignoring ASCII case.
    private static func sameLetter(_ sent: UInt8, _ wanted: UInt8) -> Bool {
        let lowered: UInt8 = sent >= 0x41 && sent <= 0x5A ? sent | 0x20 : sent
        return lowered == wanted
    }

    /// `text/html` of `text/html; charset=UTF-8`.
    private static func mediaType<Bytes: BidirectionalCollection<UInt8>>(_ contentType: Bytes) -> Bytes.SubSequence {
        contentType.prefix { $0 != UInt8(ascii: ";") }.trimmingSpacesAndTabs
    }

    /// Whether `bytes` are UTF-8; answers are nearly always ASCII, checked 32 bytes at a time, then eight.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        let asciiPrefix = bytes.withUnsafeBytes { raw -> Int in
            var offset = 0
            while offset + 32 <= raw.count {
                let words = (0..<4).reduce(UInt64(0)) { $0 | raw.loadUnaligned(fromByteOffset: offset + 8 * $1, as: UInt64.self) }
                if words & 0x8080_8080_8080_8080 != 0 { break }
                offset += 32
            }
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
