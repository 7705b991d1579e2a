/// Turns Salesforce's job and batch answers (JSON or XML) into normalised fields:
/// counts and times as integers, `apiVersion` as a string such as "66.0",
/// booleans as booleans, dates and everything else exactly as sent.
enum JobDecoding {
    /// Whether the field holds a count or a duration in milliseconds: every `number...` field and four more.
    static func isInteger(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { isInteger(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// ``isInteger(_:)`` over the name's UTF-8 bytes: it runs for every field of every job read.
    static func isInteger(utf8 name: UnsafeRawBufferPointer) -> Bool {
        name.starts(with: "number") || name.equals("retries") || name.equals("totalProcessingTime")
            || name.equals("apiActiveProcessingTime") || name.equals("apexProcessingTime")
    }

    /// Whether an answer body is XML rather than JSON (first non-blank byte `<`).
    static func isXML(_ body: [UInt8]) -> Bool {
        body.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D } == UInt8(ascii: "<")
    }

    /// A job from a job-info answer; `fallback` is the type implied by the endpoint,
    /// used when Salesforce did not send a `jobType` it knows.
    static func job(from body: [UInt8], fallback: JobType) -> Job? {
        if isXML(body) {
            guard let root = XMLElement.parse(body), root.name == "jobInfo" else { return nil }
            return job(fields: fields(of: root), fallback: fallback)
        }
        if let answer = JobAnswer(body) {
            guard answer.has("id") else { return nil }
            guard let sent = answer.value(named: "jobType"), sent != .null else {
                return job(fields: answer.fields, fallback: fallback)
            }
            return Job(jobType: sent.stringValue.flatMap(JobType.init(rawValue:)) ?? fallback, answer: answer)
        }
        // Not UTF-8, a key with escapes, or not one object (then nil).
        guard let members = JSONValue.parse(body)?.members else { return nil }
        return job(fields: fields(of: members), fallback: fallback)
    }

    /// A job from normalised fields, with `jobType` appended when absent and `fallback`'s name
    /// in place of a null one.
    static func job(fields: [(name: String, value: FieldValue)], fallback: JobType) -> Job? {
        guard fields.contains(where: { $0.name == "id" }) else { return nil }
        guard let sent = fields.firstIndex(where: { $0.name == "jobType" }) else {
            return Job(jobType: fallback, fields: fields + [("jobType", .string(fallback.rawValue))])
        }
        guard fields[sent].value != .null else {
            var fields = fields
            fields[sent].value = .string(fallback.rawValue)
            return Job(jobType: fallback, fields: fields)
        }
        return Job(jobType: fields[sent].value.stringValue.flatMap(JobType.init(rawValue:)) ?? fallback, fields: fields)
    }

    /// The batches of a `batchInfoList` answer (XML, or JSON `{"batchInfo": [...]}`).
    static func batches(from body: [UInt8]) -> [Batch]? {
        if isXML(body) {
            guard let root = XMLElement.parse(body), root.name == "batchInfoList" else { return nil }
            return root.children.filter { $0.name == "batchInfo" }.map { Batch(fields: fields(of: $0)) }
        }
        guard let list = JSONValue.parse(body) else { return nil }
        guard let infos = list["batchInfo"] else { return list.members != nil ? [] : nil }
        switch infos {
        case .array(let elements):
            var batches: [Batch] = []
            for element in elements {
                guard let members = element.members else { return nil }
                batches.append(Batch(fields: fields(of: members)))
            }
            return batches
        case .object(let members):
            return [Batch(fields: fields(of: members))]
        default:
            return nil
        }
    }

    /// Normalised fields of a JSON object.
    static func fields(of members: [(key: String, value: JSONValue)]) -> [(name: String, value: FieldValue)] {
        members.map { ($0.key, value(named: $0.key, json: $0.value)) }
    }

    /// Normalised fields of an XML element's children.
    static func fields(of element: XMLElement) -> [(name: String, value: FieldValue)] {
        element.children.map { ($0.name, value(named: $0.name, text: $0.text)) }
    }

    static func value(named name: String, json: JSONValue) -> FieldValue {
        switch json {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .string(let text):
            if isInteger(name), let number = Int64(text) { return .integer(number) }
            return .string(text)
        case .integer(let number):
            return name == "apiVersion" ? .string(String(number) + ".0") : .integer(number)
        case .double(let number):
            if name == "apiVersion" { return .string(apiVersion(number)) }
            if isInteger(name), number.rounded() == number, let exact = Int64(exactly: number) { return .integer(exact) }
            return .double(number)
        case .array, .object:
            return .string(json.jsonText)
        }
    }

    static func value(named name: String, text: String) -> FieldValue {
        if isInteger(name), let number = Int64(text.trimmingSpaces) { return .integer(number) }
        if name.hasPrefix("is") {
            switch text.trimmingSpaces {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: break
            }
        }
        return .string(text)
    }

    /// `66.0` → "66.0", `59.5` → "59.5".
    private static func apiVersion(_ number: Double) -> String {
        if let whole = Int64(exactly: number) { return String(whole) + ".0" }
        return "\(number)"
    }
}

extension String {
    /// The string without leading and trailing ASCII whitespace.
    var trimmingSpaces: String {
        let isSpace = { (c: Character) in c == " " || c == "\t" || c == "\n" || c == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
