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
