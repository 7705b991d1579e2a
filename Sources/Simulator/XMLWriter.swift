import Foundation
import SalesforceBulk

/// Writes the small XML documents of Bulk API 1.0 and SOAP login: one root
/// element in a namespace, with text-only children in the order they are added.
struct XMLWriter {
    private var body = ""

    mutating func element(_ name: String, _ value: String) {
        body += "<\(name)>\(XMLText.escape(value))</\(name)>"
    }

    /// Adds markup that is already XML.
    mutating func raw(_ xml: String) { body += xml }

    var content: String { body }

    /// The whole document: declaration, then `root` in `namespace` around the children.
    func document(root: String, namespace: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><\(root) xmlns=\"\(namespace)\">\(body)</\(root)>"
    }
}

/// Reads the text of simple elements out of a request body, ignoring namespace
/// prefixes (`<n1:username>` and `<username>` alike).
enum XMLScanner {
    /// The unescaped text of the first element named `name`, or nil.
    static func text(of name: String, in xml: String) -> String? {
        var search = xml[...]
        while let open = search.range(of: "<") {
            let afterOpen = search[open.upperBound...]
            guard let close = afterOpen.firstIndex(of: ">") else { return nil }
            let tag = afterOpen[..<close]
            let tagName = tag.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            let local = tagName.split(separator: ":").last.map(String.init) ?? tagName
            if local == name, !tag.hasSuffix("/") {
                let content = afterOpen[afterOpen.index(after: close)...]
                guard let end = content.range(of: "</\(tagName)>") else { return nil }
                return unescape(String(content[..<end.lowerBound]))
            }
            search = afterOpen[afterOpen.index(after: close)...]
        }
        return nil
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
