extension Redaction {
    /// Words that make a Lua name a secret's (`access_token`, `client_secret`, `SF_PASSWORD`, `apiKey`), lower case.
    private static let secretNameParts = [
        "token", "secret", "password", "passwd", "sessionid", "session_id", "assertion", "authorization", "apikey",
        "api_key", "private_key", "cookie",
    ]

    /// Lua source (a REPL history entry) with its secrets masked and its code
    /// left as written: when the source assigns or names a secret (`token = `,
    /// `password=`, `["access_token"] = `), every string literal in it except
    /// table keys becomes `"[REDACTED]"`; in every other literal and comment,
    /// what ``redact(_:)`` masks (`Bearer` tokens, session ids,
    /// `password=` parameters, user information in URLs) is masked.
    public static func redactLuaSource(_ source: String) -> String {
        let tokens = LuaSourceToken.split(source)
        let masksLiterals = tokens.indices.contains { namesSecret(tokens, at: $0) }
        return tokens.indices.map { index in
            switch tokens[index] {
            case .code(let text): return text
            case .comment(let text): return redact(text)
            case .string(let open, let content, let close):
                if masksLiterals && !isKey(tokens, at: index) { return open + mask + close }
                return open + redact(content) + close
            }
        }.joined()
    }

    /// Whether the token at `index` names a secret followed by `=` (not `==`):
    /// a name in code (`token =`, `sf.connect{password=`) or a key in brackets (`["token"] =`).
    private static func namesSecret(_ tokens: [LuaSourceToken], at index: Int) -> Bool {
        switch tokens[index] {
        case .code(let text):
            var rest = Substring(text)
            while let start = rest.firstIndex(where: isLuaNameStart) {
                let name = rest[start...].prefix(while: isLuaNameCharacter)
                rest = rest[name.endIndex...]
                if isSecretName(name) && isAssignment(rest) { return true }
            }
            return false
        case .string(_, let content, _):
            guard isSecretName(content[...]), index + 1 < tokens.count, case .code(let next) = tokens[index + 1] else { return false }
            let afterKey = next.drop(while: \.isWhitespace)
            return afterKey.hasPrefix("]") && isAssignment(afterKey.dropFirst())
        case .comment: return false
        }
    }

    /// Whether `text` starts, after blanks, with `=` that is not `==`.
    private static func isAssignment(_ text: Substring) -> Bool {
        let rest = text.drop(while: \.isWhitespace)
        return rest.hasPrefix("=") && !rest.hasPrefix("==")
    }

    private static func isLuaNameStart(_ c: Character) -> Bool { c == "_" || (c.isASCII && c.isLetter) }

    private static func isLuaNameCharacter(_ c: Character) -> Bool { c == "_" || (c.isASCII && (c.isLetter || c.isNumber)) }

    private static func isSecretName(_ name: Substring) -> Bool {
        let lowered = name.lowercased()
        return !lowered.isEmpty && secretNameParts.contains { lowered.contains($0) }
    }

    /// Whether the string literal at `index` is a key in brackets (`["name"]`), which is kept.
    private static func isKey(_ tokens: [LuaSourceToken], at index: Int) -> Bool {
        guard index > 0, index + 1 < tokens.count, case .code(let before) = tokens[index - 1], case .code(let after) = tokens[index + 1]
        else { return false }
        return before.reversed().first(where: { $0 != " " }) == "[" && after.first(where: { $0 != " " }) == "]"
    }
}

/// A piece of Lua source: code, a string literal (its delimiters apart), or a comment.
private enum LuaSourceToken {
    case code(String)
    case string(open: String, content: String, close: String)
    case comment(String)

    /// Splits source into code, string literals and comments; an unfinished
    /// literal or comment runs to the end of its line (short) or of the source (long).
    static func split(_ source: String) -> [LuaSourceToken] {
        let s = Array(source.unicodeScalars)
        var tokens: [LuaSourceToken] = []
        var code = String.UnicodeScalarView()
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(s[range])) }
        func flushCode() {
            if !code.isEmpty { tokens.append(.code(String(code))) }
            code = String.UnicodeScalarView()
        }
        var i = 0
        while i < s.count {
            if s[i] == "-", i + 1 < s.count, s[i + 1] == "-" {
                flushCode()
                let end: Int
                if let level = longBracketLevel(s, at: i + 2) {
                    end = closingLongBracket(s, from: i + 2 + level + 2, level: level)?.upperBound ?? s.count
                } else {
                    end = s[i...].firstIndex(of: "\n") ?? s.count
                }
                tokens.append(.comment(text(i..<end)))
                i = end
            } else if s[i] == "\"" || s[i] == "'" {
                flushCode()
                var j = i + 1
                while j < s.count, s[j] != s[i], s[j] != "\n" { j += s[j] == "\\" ? 2 : 1 }
                j = min(j, s.count)
                let closed = j < s.count && s[j] == s[i]
                tokens.append(.string(open: text(i..<(i + 1)), content: text((i + 1)..<j), close: closed ? text(j..<(j + 1)) : ""))
                i = closed ? j + 1 : j
            } else if s[i] == "[", let level = longBracketLevel(s, at: i) {
                flushCode()
                let contentStart = i + level + 2
                let close = closingLongBracket(s, from: contentStart, level: level)
                tokens.append(
                    .string(
                        open: text(i..<contentStart), content: text(contentStart..<(close?.lowerBound ?? s.count)),
                        close: close.map { text($0) } ?? ""))
                i = close?.upperBound ?? s.count
            } else {
                code.append(s[i])
                i += 1
            }
        }
        flushCode()
        return tokens
    }

    /// The level of a long bracket `[==[` opening at `index` (2 here), or nil.
    private static func longBracketLevel(_ s: [Unicode.Scalar], at index: Int) -> Int? {
        guard index < s.count, s[index] == "[" else { return nil }
        var j = index + 1
        while j < s.count, s[j] == "=" { j += 1 }
        return j < s.count && s[j] == "[" ? j - index - 1 : nil
    }

    /// Where the long bracket `]==]` of `level` closes, searching from `start`.
    private static func closingLongBracket(_ s: [Unicode.Scalar], from start: Int, level: Int) -> Range<Int>? {
        var j = start
        while j < s.count {
            if s[j] == "]", j + level + 1 < s.count, s[(j + 1)..<(j + 1 + level)].allSatisfy({ $0 == "=" }), s[j + level + 1] == "]" {
                return j..<(j + level + 2)
            }
            j += 1
        }
        return nil
    }
}
