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
        case .string(let s): return s
        case .table(let table) where Self.isJob(table): return renderJob(table)
        case .table(let table) where !table.array.isEmpty && table.fields.isEmpty && table.array.allSatisfy(Self.isJobValue):
            return renderJobList(table.array.compactMap(\.tableValue))
        default: return literal(value, depth: 0, indent: "")
        }
    }

    /// Whether a table looks like a job table of the `sf` module.
    public static func isJob(_ table: LuaTable) -> Bool {
        table["jobType"].stringValue != nil && table["id"].stringValue != nil
    }

    private static func isJobValue(_ value: LuaValue) -> Bool {
        value.tableValue.map(isJob) ?? false
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
        default: literal(value, depth: maxDepth, indent: "")
        }
    }

    // MARK: - Literals

    private func scalar(_ value: LuaValue) -> String {
        if case .string(let s) = value { return paint(s, .string) }
        return literal(value, depth: 1, indent: "")
    }

    private func literal(_ value: LuaValue, depth: Int, indent: String) -> String {
        switch value {
        case .nil: return paint("nil", .constant)
        case .boolean(let b): return paint(b ? "true" : "false", .constant)
        case .integer(let i): return paint(String(i), .number)
        case .number(let d): return paint(Self.formatFloat(d), .number)
        case .string(let s): return paint(Self.quote(s), .string)
        case .bytes(let b): return paint(Self.quote(String(decoding: b, as: UTF8.self)), .string)
        case .opaque(let type): return paint("<\(type)>", .constant)
        case .table(let table): return tableLiteral(table, depth: depth, indent: indent)
        }
    }

    private func tableLiteral(_ table: LuaTable, depth: Int, indent: String) -> String {
        if table.isEmpty { return "{}" }
        if depth >= maxDepth { return "{...}" }
        let inner = indent + "  "
        var entries = table.array.map { literal($0, depth: depth + 1, indent: inner) }
        let keyed = table.fields.sorted { Self.keyOrder($0.key, $1.key) }
        for (key, value) in keyed {
            entries.append(Self.keyText(key, painter: { paint($0, .key) }) + " = " + literal(value, depth: depth + 1, indent: inner))
        }
        let oneLine = "{ " + entries.joined(separator: ", ") + " }"
        if Self.visibleLength(oneLine) + indent.count <= lineWidth && !oneLine.contains("\n") { return oneLine }
        return "{\n" + entries.map { inner + $0 }.joined(separator: ",\n") + "\n" + indent + "}"
    }

    private static func keyOrder(_ a: LuaKey, _ b: LuaKey) -> Bool {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): x < y
        case (.integer, .string): true
        case (.string, .integer): false
        case (.string(let x), .string(let y)): x < y
        }
    }

    private static func keyText(_ key: LuaKey, painter: (String) -> String) -> String {
        switch key {
        case .integer(let i): return "[\(i)]"
        case .string(let s):
            let identifier = s.first.map { $0 == "_" || $0.isLetter } ?? false
                && s.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
            return identifier && !LuaKeywords.all.contains(s) ? painter(s) : "[\(quote(s))]"
        }
    }

    /// A float as Lua prints it: `%.14g`, with `.0` kept on integral values.
    static func formatFloat(_ d: Double) -> String {
        if d.isNaN { return d.sign == .minus ? "-nan" : "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) + ".0" }
        return "\(d)"
    }

    /// A string as a double-quoted Lua literal.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20 || c.value == 0x7F: out += "\\\(c.value)"
            default: out.unicodeScalars.append(scalar)
            }
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
