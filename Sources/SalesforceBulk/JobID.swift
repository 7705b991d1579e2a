/// A validated Bulk API job id: 18 characters, key prefix `750`, with a
/// correct case-safe checksum.
///
/// Salesforce ids are 15 case-sensitive base-62 characters; the 18-character
/// form appends three characters that encode which of the 15 are upper case,
/// so the id survives case-insensitive handling: it is accepted in any case and
/// its case restored from those three.  Both forms are accepted; the
/// 18-character form is what every request uses.
public struct JobID: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// The 18-character id.
    public let value: String

    /// The key prefix of Bulk API jobs (1.0 and 2.0 alike).
    public static let keyPrefix = "750"

    /// Validates `text` as a job id.
    ///
    /// - Throws: ``SalesforceError`` of kind `.argument`, code `INVALID_ID`,
    ///   saying exactly what is wrong.
    public init(_ text: String) throws(SalesforceError) {
        guard let id = SalesforceID(text) else {
            throw .invalidID(text, reason: SalesforceID.problem(with: text) ?? "not a Salesforce id")
        }
        guard id.value.hasPrefix(Self.keyPrefix) else {
            throw .invalidID(text, reason: "a job id starts with \(Self.keyPrefix), not \(id.value.prefix(3))")
        }
        value = id.value
    }

    /// Whether `text` is a valid 15- or 18-character job id.
    public static func isValid(_ text: String) -> Bool { (try? JobID(text)) != nil }

    public var description: String { value }

    public static func < (a: JobID, b: JobID) -> Bool { a.value < b.value }
}

/// Any Salesforce record id in its 18-character form.
public struct SalesforceID: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    private static let checksumAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".utf8)

    /// Accepts a 15-character id (and adds the checksum), or an 18-character id in any case whose
    /// checksum can be right (its case is then restored from the checksum); nil otherwise.
    public init?(_ text: String) {
        var text = text
        switch text.withUTF8(Self.normalized) {
        case .invalid: return nil
        case .asGiven: value = text
        case .completed(let value): self.value = value
        }
    }

    private enum Normalized {
        case invalid
        /// Already the 18-character form (the usual case: ids come from Salesforce's answers).
        case asGiven
        case completed(String)
    }

    /// The 18-character form of the id in `bytes`; one pass, no intermediate arrays (every call
    /// of every `sf` function reads an id).
    private static func normalized(_ bytes: UnsafeBufferPointer<UInt8>) -> Normalized {
        guard bytes.count == 15 || bytes.count == 18, bytes.allSatisfy(isAlphanumeric) else { return .invalid }
        var sums = (0, 0, 0)
        for index in 0..<15 where isUpper(bytes[index]) {
            let bit = 1 << (index % 5)
            switch index / 5 {
            case 0: sums.0 |= bit
            case 1: sums.1 |= bit
            default: sums.2 |= bit
            }
        }
        let checksum = (checksumAlphabet[sums.0], checksumAlphabet[sums.1], checksumAlphabet[sums.2])
        if bytes.count == 18 {
            if (bytes[15], bytes[16], bytes[17]) == checksum { return .asGiven }
            return restored(bytes).map(Normalized.completed) ?? .invalid
        }
        return .completed(String(unsafeUninitializedCapacity: 18) { out in
            for index in 0..<15 { out[index] = bytes[index] }
            (out[15], out[16], out[17]) = checksum
            return 18
        })
    }

    /// An 18-character id whose first fifteen characters take their case from its checksum (read in
    /// any case), as Salesforce reads it; nil when the checksum cannot be right: a character outside
    /// the checksum alphabet, or one that marks a digit as upper case.
    private static func restored(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let first = checksumValue(bytes[15]), let second = checksumValue(bytes[16]), let third = checksumValue(bytes[17])
        else { return nil }
        var valid = true
        let id = String(unsafeUninitializedCapacity: 18) { out in
            for index in 0..<15 {
                let group = index < 5 ? first : index < 10 ? second : third
                let upper = group & (1 << (index % 5)) != 0
                let byte = bytes[index]
                if isDigit(byte) {
                    valid = valid && !upper
                    out[index] = byte
                } else {
                    out[index] = upper ? byte & ~0x20 : byte | 0x20
                }
            }
            (out[15], out[16], out[17]) = (checksumAlphabet[first], checksumAlphabet[second], checksumAlphabet[third])
            return 18
        }
        return valid ? id : nil
    }

    /// The five case flags a checksum character (any case) stands for, or nil for one outside `A`–`Z`, `0`–`5`.
    private static func checksumValue(_ c: UInt8) -> Int? {
        if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c & ~0x20) { return Int((c & ~0x20) - UInt8(ascii: "A")) }
        if (UInt8(ascii: "0")...UInt8(ascii: "5")).contains(c) { return Int(c - UInt8(ascii: "0")) + 26 }
        return nil
    }

    private static func isAlphanumeric(_ c: UInt8) -> Bool {
        isDigit(c) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c)
    }

    private static func isDigit(_ c: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) }

    private static func isUpper(_ c: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c) }

    /// Builds an id from a key prefix and a counter, as Salesforce numbers records
    /// (used to mint ids).  The counter is written in base 62 to fill 15 characters.
    public init(prefix: String, pod: String = "8d", counter: UInt64) {
        let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
        var body: [UInt8] = []
        var n = counter
        repeat {
            body.append(digits[Int(n % 62)])
            n /= 62
        } while n > 0
        let head = Array((prefix + pod + "0").utf8)
        let padding = [UInt8](repeating: UInt8(ascii: "0"), count: max(0, 15 - head.count - body.count))
        let fifteen = Array((head + padding + body.reversed()).prefix(15))
        value = String(decoding: fifteen + Self.checksum(of: fifteen[...]), as: UTF8.self)
    }

    /// The three checksum characters of a 15-character id.
    static func checksum(of fifteen: ArraySlice<UInt8>) -> [UInt8] {
        let chars = Array(fifteen)
        return stride(from: 0, to: 15, by: 5).map { start in
            var bits = 0
            for offset in 0..<5 where (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(chars[start + offset]) {
                bits |= 1 << offset
            }
            return checksumAlphabet[bits]
        }
    }

    /// What makes `text` not an id, or nil when it is one.
    public static func problem(with text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count == 15 || bytes.count == 18 else {
            return "an id has 15 or 18 characters, not \(bytes.count)"
        }
        guard bytes.allSatisfy(isAlphanumeric) else { return "an id has only letters and digits" }
        guard bytes.count == 18 else { return nil }
        let suffix = String(decoding: bytes.suffix(3), as: UTF8.self)
        var flags: [Int] = []
        for c in bytes.suffix(3) {
            guard let value = checksumValue(c) else {
                return "checksum \(suffix) cannot be right: \(String(UnicodeScalar(c))) is not a checksum character (A-Z, 0-5)"
            }
            flags.append(value)
        }
        for index in 0..<15 where isDigit(bytes[index]) && flags[index / 5] & (1 << (index % 5)) != 0 {
            return "checksum \(suffix) cannot be right: it marks character \(index + 1) (\(String(UnicodeScalar(bytes[index])))), a digit, as upper case"
        }
        return nil
    }

    public var description: String { value }
}
