import LuaHost

/// Shows Lua values to a person: a job as aligned `key  value` lines in a
/// stable field order, a list of jobs as a table with columns, and any other
/// table as a cycle-safe, depth-limited Lua-like literal.
public struct ValuePrinter: Sendable {
    /// Use ANSI colours (only on a terminal without `NO_COLOR`).
    public var colour: Bool
    /// Tables nested deeper than this print as `{...}`.
    public var maxDepth: Int
    /// A literal longer than this breaks into one entry per line.
    public var lineWidth: Int

    public init(colour: Bool = false, maxDepth: Int = 4, lineWidth: Int = 100) {
        self.colour = colour
        self.maxDepth = maxDepth
        self.lineWidth = lineWidth
    }

    /// The fields a job shows first, in this order; others follow alphabetically.
    public static let jobFieldOrder = [
        "id", "jobType", "object", "operation", "state", "createdDate", "systemModstamp", "createdById",
        "apiVersion", "concurrencyMode", "contentType", "lineEnding", "columnDelimiter", "externalIdFieldName",
        "numberRecordsProcessed", "numberRecordsFailed", "retries", "numberRetries",
        "numberBatchesQueued", "numberBatchesInProgress", "numberBatchesCompleted", "numberBatchesFailed",
        "numberBatchesTotal", "totalProcessingTime", "apiActiveProcessingTime", "apexProcessingTime",
        "isPkChunkingSupported", "errorMessage", "dryRun",
    ]

    /// Renders one value as the REPL shows a result.
    public func render(_ value: LuaValue) -> String {
        switch value {
        case .table(let table) where Self.isJob(table): return renderJob(table)
        case .table(let table) where Self.isJobList(table): return renderJobList(table.array.compactMap(\.tableValue))
        default: return render(LuaDisplayValue(value))
        }
    }

    /// Renders a value read for display: a UTF-8 string as itself, a value
    /// with `__tostring` as its text, a function or userdata as `tostring` shows
    /// it, anything else as a literal.
    public func render(_ value: LuaDisplayValue) -> String {
        switch value {
        case .string(let bytes): return String(validating: bytes, as: UTF8.self) ?? literal(value, depth: 0, indent: "")
        case .described(let text): return text
        case .reference(let type, let address): return LuaDisplayValue.referenceText(typeName: type, address: address)
        default: return literal(value, depth: 0, indent: "")
        }
    }

    /// Whether a value shows as a job or a list of jobs (see ``render(_:)-(LuaValue)``).
    public static func showsJobs(_ value: LuaValue) -> Bool {
        guard let table = value.tableValue else { return false }
        return isJob(table) || isJobList(table)
    }

    /// Whether a table looks like a job table of the `sf` module.
    public static func isJob(_ table: LuaTable) -> Bool {
        table["jobType"].stringValue != nil && table["id"].stringValue != nil
    }

    private static func isJobList(_ table: LuaTable) -> Bool {
        !table.array.isEmpty && table.fields.isEmpty && table.array.allSatisfy { $0.tableValue.map(isJob) ?? false }
    }

    // MARK: - Jobs

    private func renderJob(_ job: LuaTable) -> String {
        let keys = Self.orderedKeys(of: job)
        let width = keys.map(\.count).max() ?? 0
        return keys.map { key in
            let padded = key + String(repeating: " ", count: width - key.count)
            return paint(padded, .key) + "  " + scalar(job[key])
        }.joined(separator: "\n")
    }

    static func orderedKeys(of job: LuaTable) -> [String] {
        let present = Set(job.fields.keys.compactMap { if case .string(let s) = $0 { s } else { nil } })
        let known = jobFieldOrder.filter(present.contains)
        return known + present.subtracting(known).sorted()
    }

    private static let columns: [(title: String, field: String)] = [
        ("id", "id"), ("jobType", "jobType"), ("object", "object"), ("operation", "operation"), ("state", "state"),
        ("createdDate", "createdDate"), ("processed", "numberRecordsProcessed"), ("failed", "numberRecordsFailed"),
    ]

    private func renderJobList(_ jobs: [LuaTable]) -> String {
        let rows = jobs.map { job in Self.columns.map { cell(job[$0.field]) } }
        let widths = Self.columns.indices.map { column in
            max(Self.columns[column].title.count, rows.map { $0[column].count }.max() ?? 0)
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $1 + String(repeating: " ", count: widths[$0] - $1.count) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }
        let header = paint(line(Self.columns.map(\.title)), .key)
        let footer = "(\(jobs.count) job\(jobs.count == 1 ? "" : "s"))"
        return ([header] + rows.map(line) + [footer]).joined(separator: "\n")
    }

    private func cell(_ value: LuaValue) -> String {
        switch value {
        case .nil: "-"
        case .string(let s): s
        default: literal(LuaDisplayValue(value), depth: maxDepth, indent: "")
        }
    }

    // MARK: - Literals

    private func scalar(_ value: LuaValue) -> String {
        if case .string(let s) = value { return paint(s, .string) }
        return literal(LuaDisplayValue(value), depth: 1, indent: "")
    }

    private func literal(_ value: LuaDisplayValue, depth: Int, indent: String) -> String {
        switch value {
        case .nil: return paint("nil", .constant)
        case .boolean(let b): return paint(b ? "true" : "false", .constant)
        case .integer(let i): return paint(String(i), .number)
        case .number(let d): return paint(Self.formatFloat(d), .number)
        case .string(let bytes): return paint(Self.quote(bytes), .string)
        case .described(let text): return text
        case .reference(let type, _): return paint("<\(type)>", .constant)
        case .table(let entries): return tableLiteral(entries, depth: depth, indent: indent)
        }
    }

    private func tableLiteral(_ entries: [LuaDisplayEntry], depth: Int, indent: String) -> String {
        if entries.isEmpty { return "{}" }
        if depth >= maxDepth { return "{...}" }
        let inner = indent + "  "
        let sequence = entries.filter { $0.key == nil }
        let keyed = entries.compactMap { entry in entry.key.map { (key: $0, value: entry.value) } }
            .sorted { Self.keyOrder($0.key, $1.key) }
        var shown = sequence.map { literal($0.value, depth: depth + 1, indent: inner) }
        for (key, value) in keyed {
            shown.append(keyText(key) + " = " + literal(value, depth: depth + 1, indent: inner))
        }
        let oneLine = "{ " + shown.joined(separator: ", ") + " }"
        if Self.visibleLength(oneLine) + indent.count <= lineWidth && !oneLine.contains("\n") { return oneLine }
        return "{\n" + shown.map { inner + $0 }.joined(separator: ",\n") + "\n" + indent + "}"
    }

    /// Keys in a stable order: numbers by value, then `false`, `true`, then strings by their bytes, then the rest by their text.
    private static func keyOrder(_ a: LuaDisplayValue, _ b: LuaDisplayValue) -> Bool {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return x < y
        case (.integer(let x), .number(let y)): return Double(x) < y
        case (.number(let x), .integer(let y)): return x < Double(y)
        case (.number(let x), .number(let y)): return x < y
        case (.boolean(let x), .boolean(let y)): return !x && y
        case (.string(let x), .string(let y)): return x.lexicographicallyPrecedes(y)
        default:
            let (rankA, rankB) = (keyRank(a), keyRank(b))
            return rankA != rankB ? rankA < rankB : sortText(a) < sortText(b)
        }
    }

    private static func keyRank(_ key: LuaDisplayValue) -> Int {
        switch key {
        case .integer, .number: 0
        case .boolean: 1
        case .string: 2
        default: 3
        }
    }

    private static func sortText(_ key: LuaDisplayValue) -> String {
        switch key {
        case .described(let text): text
        case .reference(let type, let address): LuaDisplayValue.referenceText(typeName: type, address: address)
        default: ""
        }
    }

    private func keyText(_ key: LuaDisplayValue) -> String {
        switch key {
        case .string(let bytes):
            if let s = String(validating: bytes, as: UTF8.self), Self.isIdentifier(s) { return paint(s, .key) }
            return "[" + paint(Self.quote(bytes), .string) + "]"
        case .reference(let type, let address): return "[" + LuaDisplayValue.referenceText(typeName: type, address: address) + "]"
        default: return "[" + literal(key, depth: maxDepth, indent: "") + "]"
        }
    }

    private static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
        return s.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) } && !LuaKeywords.all.contains(s)
    }

    /// A float as Lua prints it: `%.14g`, with `.0` kept on integral values.
    static func formatFloat(_ d: Double) -> String {
        if d.isNaN { return d.sign == .minus ? "-nan" : "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) + ".0" }
        return "\(d)"
    }

    /// A string as a double-quoted Lua literal: UTF-8 text as itself, control
    /// characters as decimal escapes, bytes that are not UTF-8 as `\xHH`.
    static func quote(_ bytes: [UInt8]) -> String {
        var out = "\""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
            switch byte {
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: "\\"): out += "\\\\"
            case UInt8(ascii: "\n"): out += "\\n"
            case UInt8(ascii: "\r"): out += "\\r"
            case UInt8(ascii: "\t"): out += "\\t"
            case 0..<0x20, 0x7F:
                // `\ddd` takes up to three digits: pad when a digit follows.
                let digits = String(byte)
                let followedByDigit = next.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false
                out += "\\" + (followedByDigit ? String(repeating: "0", count: 3 - digits.count) + digits : digits)
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                if index + length <= bytes.count, let text = String(validating: bytes[index..<(index + length)], as: UTF8.self) {
                    out += text
                    index += length
                    continue
                }
                out += "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
            }
            index += 1
        }
        return out + "\""
    }

    // MARK: - Colour

    private enum Role { case key, string, number, constant }

    private func paint(_ text: String, _ role: Role) -> String {
        guard colour else { return text }
        let code: String
        switch role {
        case .key: code = "\u{1B}[1m"
        case .string: code = "\u{1B}[32m"
        case .number: code = "\u{1B}[36m"
        case .constant: code = "\u{1B}[35m"
        }
        return code + text + "\u{1B}[0m"
    }

    private static func visibleLength(_ text: String) -> Int {
        var length = 0, inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape { if scalar == "m" { inEscape = false } } else if scalar == "\u{1B}" { inEscape = true } else { length += 1 }
        }
        return length
    }
}

/// Lua's reserved words.
public enum LuaKeywords {
    public static let all: Set<String> = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    ]
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
