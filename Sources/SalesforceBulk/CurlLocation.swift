import CCurl

/// Where a handle's next exchange goes, held as a libcurl URL handle (`CURLOPT_CURLU`).
///
/// Given a URL as text, libcurl parses it and formats it back for every request: about 17,000
/// instructions, a tenth of a `sf.job_info` call. Successive exchanges nearly always go to the same
/// origin, so when a URL starts with the origin of the last one parsed and the rest is a plain path
/// and query, only those two parts of the handle are replaced; any other URL is parsed anew, with
/// the flags libcurl parses `CURLOPT_URL` with.
final class CurlLocation {
    /// The `CURLU *`; nil until a URL parses.
    private var handle: OpaquePointer?
    /// The `scheme://authority` bytes of the URL last parsed; empty when a later URL may not reuse them.
    private var origin: [UInt8] = []

    /// Where a plain path and query lie in a URL's bytes.
    struct Split {
        var pathStart: Int
        var pathEnd: Int
        /// Where the query starts (after `?`), when there is one; it runs to the end.
        var queryStart: Int?
    }

    deinit {
        if let handle { ccurl_url_cleanup(handle) }
    }

    /// Points the handle at `url`: the handle to give libcurl, or nil when libcurl rejects the URL.
    func point(at url: String) -> OpaquePointer? {
        if let handle, !origin.isEmpty {
            var text = url
            let replaced = text.withUTF8 { bytes in
                guard let split = Self.plainPathAndQuery(in: bytes, after: origin), let base = bytes.baseAddress else {
                    return false
                }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                    ccurl_url_set_path_query(
                        handle, chars + split.pathStart, split.pathEnd - split.pathStart,
                        split.queryStart.map { chars + $0 }, bytes.count - (split.queryStart ?? bytes.count)) == 0
                }
            }
            if replaced { return handle }
        }
        return parse(url)
    }

    /// Parses `url` into a fresh handle (so nothing of the last URL is resolved against).
    private func parse(_ url: String) -> OpaquePointer? {
        if let handle { ccurl_url_cleanup(handle) }
        handle = ccurl_url_parse(url)
        origin = []
        if handle != nil, !url.utf8.contains(UInt8(ascii: "#")), let prefix = URLPolicy.origin(of: url),
            !prefix.utf8.contains(UInt8(ascii: "?"))
        {
            origin = Array(prefix.utf8)
        }
        return handle
    }

    /// Where the path and query of `url` lie when it is `origin` followed by `/` and plain characters
    /// that libcurl's parser keeps as they are (no dot segment, space, control, `#` or non-ASCII byte).
    static func plainPathAndQuery(in url: UnsafeBufferPointer<UInt8>, after origin: [UInt8]) -> Split? {
        let start = origin.count
        guard url.count > start, url[start] == UInt8(ascii: "/"),
            origin.withUnsafeBufferPointer({ origin in (0..<start).allSatisfy { url[$0] == origin[$0] } })
        else {
            return nil
        }
        let plain = plainBytes
        var questionMark: Int?
        var previous: UInt8 = 0
        var index = start
        while index < url.count {
            // Eight letters, digits or slashes at a time (most of a path); other words byte by byte.
            if index + 8 <= url.count,
                lettersDigitsOrSlashes(UnsafeRawPointer(url.baseAddress! + index).loadUnaligned(as: UInt64.self))
            {
                index += 8
                previous = url[index - 1]
                continue
            }
            let wordEnd = min(index + 8, url.count)
            for position in index..<wordEnd {
                let byte = url[position]
                guard byte < 64 ? plain.low >> byte & 1 != 0 : byte < 128 && plain.high >> (byte - 64) & 1 != 0 else { return nil }
                if byte == UInt8(ascii: "."), previous == UInt8(ascii: "/") { return nil }
                if byte == UInt8(ascii: "?"), questionMark == nil { questionMark = position }
                previous = byte
            }
            index = wordEnd
        }
        guard let questionMark else { return Split(pathStart: start, pathEnd: url.count, queryStart: nil) }
        guard questionMark + 1 < url.count else { return nil }
        return Split(pathStart: start, pathEnd: questionMark, queryStart: questionMark + 1)
    }

    /// Whether each of the eight bytes of `word` is an ASCII letter, digit or `/`. With the high bits clear,
    /// adding `0x80 - c` to a byte sets its high bit exactly when the byte is at least `c`, and never carries.
    @inline(__always)
    static func lettersDigitsOrSlashes(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high = ones &* 0x80
        guard word & high == 0 else { return false }
        func atLeast(_ byte: UInt8) -> UInt64 { (word &+ ones &* UInt64(0x80 - byte)) & high }
        let digits = atLeast(UInt8(ascii: "0")) & ~atLeast(UInt8(ascii: "9") + 1)
        let upper = atLeast(UInt8(ascii: "A")) & ~atLeast(UInt8(ascii: "Z") + 1)
        let lower = atLeast(UInt8(ascii: "a")) & ~atLeast(UInt8(ascii: "z") + 1)
        let slashes = ~((word ^ ones &* UInt64(UInt8(ascii: "/"))) &+ ones &* 0x7F) & high
        return digits | upper | lower | slashes == high
    }

    /// The bytes that may stand in a plain path or query, as bit sets of bytes 0–63 and 64–127: a letter,
    /// a digit or one of `-._~/?%=&+,;:@!$*'()`.
    private static let plainBytes: (low: UInt64, high: UInt64) = {
        let plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?%=&+,;:@!$*'()"
        return plain.utf8.reduce((UInt64(0), UInt64(0))) { sets, byte in
            byte < 64 ? (sets.0 | 1 << byte, sets.1) : (sets.0, sets.1 | 1 << (byte - 64))
        }
    }()
}
