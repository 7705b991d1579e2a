/// An XML element as the Bulk API 1.0 and SOAP login answer it: a local name
/// (namespace prefix dropped), child elements in order, and the text directly inside.
struct XMLElement: Equatable {
    var name: String
    var children: [XMLElement] = []
    var text = ""

    /// The first child named `name`.
    func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// The first element named `name` at any depth, this one included.
    func find(_ name: String) -> XMLElement? {
        if self.name == name { return self }
        for child in children {
            if let found = child.find(name) { return found }
        }
        return nil
    }

    /// Parses a document and returns its root element; nil when `bytes` is not well-formed
    /// enough to read (attributes, comments, processing instructions and DOCTYPEs are skipped).
    static func parse(_ bytes: [UInt8]) -> XMLElement? {
        var parser = XMLParser(bytes: bytes)
        return parser.document()
    }

}

/// Text for XML documents: the request bodies the client writes and the simulated org's answers.
public enum XMLText {
    /// `text` with the five predefined entities escaped.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// A small non-validating XML reader for flat Salesforce documents.
private struct XMLParser {
    let bytes: [UInt8]
    var index = 0

    mutating func document() -> XMLElement? {
        var stack: [XMLElement] = []
        var root: XMLElement?
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "<") {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                if !stack.isEmpty {
                    guard let text = Self.decodeEntities(bytes[start..<index]) else { return nil }
                    stack[stack.count - 1].text += text
                } else if !bytes[start..<index].allSatisfy(Self.isSpace) {
                    return nil
                }
                continue
            }
            if starts(with: "<?") {
                guard skip(past: "?>") else { return nil }
            } else if starts(with: "<!--") {
                guard skip(past: "-->") else { return nil }
            } else if starts(with: "<![CDATA[") {
                index += 9
                let start = index
                guard skip(past: "]]>"), !stack.isEmpty else { return nil }
                stack[stack.count - 1].text += String(decoding: bytes[start..<(index - 3)], as: UTF8.self)
            } else if starts(with: "<!") {
                guard skip(past: ">") else { return nil }
            } else if starts(with: "</") {
                index += 2
                let name = readName()
                guard skip(past: ">"), let element = stack.popLast(), element.name == name else { return nil }
                if stack.isEmpty {
                    guard root == nil else { return nil }
                    root = element
                } else {
                    stack[stack.count - 1].children.append(element)
                }
            } else {
                index += 1
                let name = readName()
                guard !name.isEmpty, let selfClosing = skipAttributes() else { return nil }
                let element = XMLElement(name: name)
                if selfClosing {
                    if stack.isEmpty {
                        guard root == nil else { return nil }
                        root = element
                    } else {
                        stack[stack.count - 1].children.append(element)
                    }
                } else {
                    stack.append(element)
                }
            }
        }
        return stack.isEmpty ? root : nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private func starts(with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != prefix.utf8Start[offset] { return false }
        return true
    }

    /// Moves past the next occurrence of `terminator`; false when there is none.
    private mutating func skip(past terminator: StaticString) -> Bool {
        while index < bytes.count {
            if starts(with: terminator) {
                index += terminator.utf8CodeUnitCount
                return true
            }
            index += 1
        }
        return false
    }

    /// A tag name without its namespace prefix.
    private mutating func readName() -> String {
        let start = index
        var localStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") { break }
            if byte == UInt8(ascii: ":") { localStart = index + 1 }
            index += 1
        }
        return index > start ? String(decoding: bytes[localStart..<index], as: UTF8.self) : ""
    }

    /// Skips attributes up to the end of a start tag; whether it was self-closing, nil when unterminated.
    private mutating func skipAttributes() -> Bool? {
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return bytes[index - 2] == UInt8(ascii: "/")
            }
        }
        return nil
    }

    /// Character data with entity and character references resolved; nil on a bad reference.
    private static func decodeEntities(_ slice: ArraySlice<UInt8>) -> String? {
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        var position = slice.startIndex
        while position < slice.endIndex {
            let byte = slice[position]
            guard byte == UInt8(ascii: "&") else {
                out.append(byte)
                position += 1
                continue
            }
            guard let end = slice[position...].firstIndex(of: UInt8(ascii: ";")) else { return nil }
            let name = String(decoding: slice[(position + 1)..<end], as: UTF8.self)
            switch name {
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "amp": out.append(UInt8(ascii: "&"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                let number: UInt32?
                if name.hasPrefix("#x") {
                    number = UInt32(name.dropFirst(2), radix: 16)
                } else if name.hasPrefix("#") {
                    number = UInt32(name.dropFirst())
                } else {
                    number = nil
                }
                guard let number, let scalar = Unicode.Scalar(number) else { return nil }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            position = end + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
