/// Removes credentials from text bound for logs, error messages and the REPL history:
/// the secrets this process knows (``KnownSecrets``) wherever they appear, session and
/// authorization headers, token, secret and password parameters (form, JSON, XML and Lua
/// spellings), `Bearer` tokens and Salesforce session ids wherever they appear, and user
/// information in URLs.
public enum Redaction {
    /// What replaces a secret.
    public static let mask = "[REDACTED]"

    /// Header names whose values are secrets (lower case).
    private static let secretHeaders: Set<String> = [
        "authorization", "proxy-authorization", "x-sfdc-session", "cookie", "set-cookie",
    ]

    /// Parameter and element names whose values are secrets (lower case).
    private static let secretNames: [String] = [
        "access_token", "refresh_token", "client_secret", "password", "assertion", "sessionid", "session_id",
        "token", "secret",
    ]

    /// Whether a field named `name` holds a secret (`password`, `access_token`, `clientSecret`, ...).
    public static func isSecretName(_ name: String) -> Bool {
        let folded = name.lowercased().filter { $0 != "_" && $0 != "-" }
        return secretNames.contains { folded.contains($0.filter { $0 != "_" }) }
    }

    /// `text` with every secret replaced by ``mask``; lines are kept, whatever their ending. When
    /// `truncated` (the text was cut from something longer), a known secret cut short at its end is masked too.
    public static func redact(_ text: String, truncated: Bool = false) -> String {
        let text = KnownSecrets.mask(text, with: mask, truncated: truncated)
        var lines: [Substring] = []
        var start = text.startIndex
        for index in text.unicodeScalars.indices where text.unicodeScalars[index] == "\n" {
            lines.append(text[start..<index])
            start = text.unicodeScalars.index(after: index)
        }
        lines.append(text[start...])
        return lines.map { redactLine(String($0)) }.joined(separator: "\n")
    }

    private static func redactLine(_ line: String) -> String {
        if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingSpacesLowercased
            if secretHeaders.contains(name) {
                let trailingCR = line.unicodeScalars.last == "\r" ? "\r" : ""
                return line[...colon] + " " + mask + trailingCR
            }
        }
        var result = redactBearerTokens(redactSessionIDs(redactUserInfo(line)))
        guard secretNames.contains(where: { result.lowercased().contains($0) }) else { return result }
        for name in secretNames {
            result = redactValues(of: name, in: result)
        }
        return result
    }

    /// `scheme://user:password@host` → `scheme://[REDACTED]@host`.
    private static func redactUserInfo(_ line: String) -> String {
        guard line.contains("://"), line.contains("@") else { return line }
        var out = ""
        var rest = Substring(line)
        while let range = rest.range(of: "://") {
            out += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == " " || $0 == "'" || $0 == "\"" } ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@") {
                out += mask
                rest = rest[at...]
            }
        }
        return out + rest
    }

    /// `Bearer <token>` (any case) → `Bearer [REDACTED]`, wherever it appears.
    private static func redactBearerTokens(_ line: String) -> String {
        guard line.lowercased().contains("bearer") else { return line }
        let lowered = Array(line.lowercased().unicodeScalars)
        guard lowered.count == line.unicodeScalars.count else { return line }
        let word = Array("bearer".unicodeScalars)
        let ends: Set<Unicode.Scalar> = [" ", "\t", "\r", "\"", "'", ",", ";", "&", "<", "}", ")", "]"]
        return maskingSpans(in: line) { scalars, index in
            guard index + word.count < scalars.count, Array(lowered[index..<(index + word.count)]) == word,
                index == 0 || !isNameCharacter(lowered[index - 1]), scalars[index + word.count] == " "
            else { return nil }
            var start = index + word.count
            while start < scalars.count, scalars[start] == " " { start += 1 }
            var end = start
            while end < scalars.count, !ends.contains(scalars[end]) { end += 1 }
            return end > start ? (start, end) : nil
        }
    }

    /// `line` with the spans `secret` finds masked: at each position it gives where the secret starts
    /// (what comes before stays, a keyword say) and where it ends, or nil to keep the character.
    private static func maskingSpans(
        in line: String, _ secret: (_ scalars: [Unicode.Scalar], _ index: Int) -> (start: Int, end: Int)?
    ) -> String {
        let scalars = Array(line.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if let span = secret(scalars, index) {
                out.append(contentsOf: scalars[index..<span.start])
                out.append(contentsOf: mask.unicodeScalars)
                index = span.end
            } else {
                out.append(scalars[index])
                index += 1
            }
        }
        return String(out)
    }

    /// Masks Salesforce session ids: `00D` and 12 more characters of the org id, `!` (or `.`), then the token.
    private static func redactSessionIDs(_ line: String) -> String {
        guard line.contains("00D") else { return line }
        return maskingSpans(in: line) { scalars, index in
            let orgEnd = index + 15
            guard scalars[index] == "0", index + 2 < scalars.count, scalars[index + 1] == "0", scalars[index + 2] == "D",
                index == 0 || !isTokenCharacter(scalars[index - 1]),
                orgEnd < scalars.count, scalars[(index + 3)..<orgEnd].allSatisfy(isAlphanumeric),
                scalars[orgEnd] == "!" || scalars[orgEnd] == "."
            else { return nil }
            var end = orgEnd + 1
            while end < scalars.count, isTokenCharacter(scalars[end]) { end += 1 }
            return end - orgEnd > 16 ? (index, end) : nil
        }
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isAlphanumeric(scalar) || scalar == "!" || scalar == "." || scalar == "_" || scalar == "-"
    }

    /// Masks the value after `name=` / `"name":"` / `<name>` (any case), up to its natural end.
    private static func redactValues(of name: String, in line: String) -> String {
        let scalars = Array(line.unicodeScalars)
        let lowered = Array(line.lowercased().unicodeScalars)
        let key = Array(name.unicodeScalars)
        guard lowered.count == scalars.count else { return line }
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard index + key.count <= lowered.count, Array(lowered[index..<(index + key.count)]) == key,
                index == 0 || !isNameCharacter(lowered[index - 1])
            else {
                out.append(scalars[index])
                index += 1
                continue
            }
            var cursor = index + key.count
            guard cursor == lowered.count || !isNameCharacter(lowered[cursor]) else {
                out.append(contentsOf: scalars[index..<cursor])
                index = cursor
                continue
            }
            // Separator: `=`, `":"`, `": "`, `>`.
            var separatorEnd = cursor
            while separatorEnd < scalars.count, [" ", "\"", ":", "=", ">", "'"].contains(scalars[separatorEnd]) {
                separatorEnd += 1
            }
            let separator = scalars[cursor..<separatorEnd]
            guard separator.contains(where: { $0 == "=" || $0 == ":" || $0 == ">" }) else {
                out.append(contentsOf: scalars[index..<cursor])
                index = cursor
                continue
            }
            cursor = separatorEnd
            let terminators: Set<Unicode.Scalar> = separator.contains(">") ? ["<"] : ["&", "\"", "'", " ", ",", ";", "}", "\r"]
            while cursor < scalars.count, !terminators.contains(scalars[cursor]) { cursor += 1 }
            out.append(contentsOf: scalars[index..<separatorEnd])
            if cursor > separatorEnd { out.append(contentsOf: mask.unicodeScalars) }
            index = cursor
        }
        return String(out)
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar == "-" || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}

extension Substring {
    fileprivate var trimmingSpacesLowercased: String { String(self).trimmingSpaces.lowercased() }
}
