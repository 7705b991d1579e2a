/// The types the contract gives a job's fields, checked on every job read: `id` a string, `jobType`
/// one of Salesforce's four names, `state` and dates strings, counts and times integers. Null stands
/// for a field not sent, except for `id`. Every other field is taken as sent.
enum JobFieldTypes {
    /// What a field must hold.
    enum Rule {
        case identifier, jobType, text, integer, free
    }

    /// The rule for the field named by these UTF-8 bytes: it runs for every field of every job read.
    static func rule(utf8 name: UnsafeRawBufferPointer) -> Rule {
        if JobDecoding.isInteger(utf8: name) { return .integer }
        if name.equals("id") { return .identifier }
        if name.equals("jobType") { return .jobType }
        if name.equals("state") || name.equals("systemModstamp") || isDate(name) { return .text }
        return .free
    }

    static func rule(_ name: String) -> Rule {
        var name = name
        return name.withUTF8 { rule(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// Whether the bytes of a `jobType` string are one of Salesforce's four names.
    static func isJobTypeName<Bytes: Collection<UInt8>>(_ text: Bytes) -> Bool {
        text.equals("V2Ingest") || text.equals("V2Query") || text.equals("Classic") || text.equals("BigObjectIngest")
    }

    /// What is wrong with a normalised `value` of the field `name` (as XML gives it), or nil when its type is right.
    static func problem(named name: String, _ value: FieldValue) -> String? {
        let rule = rule(name)
        switch (rule, value) {
        case (.free, _), (.identifier, .string), (.text, .string), (.text, .null), (.integer, .integer), (.integer, .null),
            (.jobType, .null):
            return nil
        case (.jobType, .string(let text)) where isJobTypeName(text.utf8):
            return nil
        default:
            return "\(name) is \(shown(value)), not \(expectation(rule))"
        }
    }

    /// What is wrong with a JSON `value` of the field `name`, or nil when its type is right; an array
    /// or object is right only where any value is.
    static func problem(named name: String, json value: JSONValue) -> String? {
        switch value {
        case .array, .object:
            let rule = rule(name)
            guard rule != .free else { return nil }
            return "\(name) is \(value.elements != nil ? "an array" : "an object"), not \(expectation(rule))"
        default:
            return problem(named: name, JobDecoding.value(named: name, json: value))
        }
    }

    /// The first member whose type is wrong, described; nil when every type is right.
    static func problem(in members: [(key: String, value: JSONValue)]) -> String? {
        for member in members {
            if let problem = problem(named: member.key, json: member.value) { return problem }
        }
        return nil
    }

    /// The first field of `job`, decoded from `body`, whose type is wrong, described; nil when every type is right.
    static func problem(of job: Job, body: [UInt8]) -> String? {
        if let answer = job.answer { return answer.typeProblem() }
        if !JobDecoding.isXML(body), let members = JSONValue.parse(body)?.members { return problem(in: members) }
        for field in job.fields {
            if let problem = problem(named: field.name, field.value) { return problem }
        }
        return nil
    }

    private static func expectation(_ rule: Rule) -> String {
        switch rule {
        case .identifier, .text, .free: "a string"
        case .integer: "an integer"
        case .jobType: "one of V2Ingest, V2Query, Classic, BigObjectIngest"
        }
    }

    /// Names ending in `Date` (`createdDate`).
    private static func isDate(_ name: UnsafeRawBufferPointer) -> Bool {
        name.count > 4 && name.ends(with: "Date")
    }

    /// A value as a message shows it: strings quoted, shortened and redacted.
    private static func shown(_ value: FieldValue) -> String {
        switch value {
        case .string(let text): "\"\(Redaction.redact(String(text.prefix(40)), truncated: text.count > 40))\(text.count > 40 ? "..." : "")\""
        case .integer(let number): String(number)
        case .double(let number): "\(number)"
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        }
    }
}
