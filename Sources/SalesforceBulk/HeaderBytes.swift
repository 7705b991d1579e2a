#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading HTTP header values and JSON field names over their UTF-8 bytes: every response carries
/// some, so the hot path builds no strings for them.
extension Collection where Element == UInt8 {
    /// Whether the bytes begin with those of `word`.
    func starts(with word: StaticString) -> Bool {
        starts(with: UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    /// Whether the bytes are those of `word`.
    func equals(_ word: StaticString) -> Bool {
        count == word.utf8CodeUnitCount && starts(with: word)
    }
}

/// The same checks over a raw buffer, by `memcmp`: a job's field names are checked against words
/// several times for every answer, and the generic versions step through the bytes one by one.
extension UnsafeRawBufferPointer {
    /// Whether the bytes begin with those of `word`.
    func starts(with word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard count >= length else { return false }
        guard length > 0, let base = baseAddress else { return true }
        return memcmp(base, word.utf8Start, length) == 0
    }

    /// Whether the bytes are those of `word`.
    func equals(_ word: StaticString) -> Bool {
        count == word.utf8CodeUnitCount && starts(with: word)
    }

    /// Whether the bytes end with those of `word`.
    func ends(with word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard count >= length else { return false }
        guard length > 0, let base = baseAddress else { return true }
        return memcmp(base + (count - length), word.utf8Start, length) == 0
    }
}

extension BidirectionalCollection where Element == UInt8 {
    /// The bytes without the spaces and tabs around them.
    var trimmingSpacesAndTabs: SubSequence {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[startIndex..<startIndex]
        }
        return self[first...last]
    }
}
