/// Salesforce's kind of a Bulk API job, as its `jobType` field spells it.
public enum JobType: String, Sendable, CaseIterable {
    case v2Ingest = "V2Ingest"
    case v2Query = "V2Query"
    case classic = "Classic"
    case bigObjectIngest = "BigObjectIngest"

    /// Parses `V2Ingest`, `V2Query`, `Classic` or `BigObjectIngest` in any case.
    public init?(name: String) {
        guard let type = Self.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else { return nil }
        self = type
    }
}

/// What the caller knows about a job's API before asking: nothing, Bulk 2.0 ingest, Bulk 2.0 query, or Bulk 1.0.
public enum JobTypeHint: Sendable, Equatable, CaseIterable {
    case unknown, ingest, query, classic

    /// Parses `unknown`, `ingest`, `query` or `classic` in any case.
    public init?(name: String) {
        switch name.lowercased() {
        case "unknown": self = .unknown
        case "ingest": self = .ingest
        case "query": self = .query
        case "classic": self = .classic
        default: return nil
        }
    }
}

/// The state a close request asks for.
public enum TargetState: String, Sendable, CaseIterable {
    case closed = "Closed"
    case aborted = "Aborted"

    /// Parses `Closed` or `Aborted` in any case.
    public init?(name: String) {
        switch name.lowercased() {
        case "closed": self = .closed
        case "aborted": self = .aborted
        default: return nil
        }
    }
}

/// One field value of a job or batch, normalised: counts and times are integers,
/// `apiVersion` is a string, dates are the strings Salesforce sent.
public enum FieldValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case double(Double)
    case bool(Bool)
    case null

    /// The text of a string value.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value of an integer field.
    public var integerValue: Int64? {
        if case .integer(let number) = self { return number }
        return nil
    }

    /// The value of a boolean field.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }
}

/// A Bulk API job: every field Salesforce returned, under Salesforce's names and in
/// answer order, with `jobType` always present.
public struct Job: Sendable, Equatable {
    public var jobType: JobType
    /// Every field; for a job read from a JSON answer, made from ``answer`` on each read.
    public var fields: [(name: String, value: FieldValue)] {
        get { answer?.fields ?? storedFields }
        set {
            storedFields = newValue
            answer = nil
        }
    }
    /// The JSON answer the fields are read from, when the job came from one whose `jobType` is not null.
    public private(set) var answer: JobAnswer?
    private var storedFields: [(name: String, value: FieldValue)]

    public init(jobType: JobType, fields: [(name: String, value: FieldValue)]) {
        self.jobType = jobType
        self.storedFields = fields
    }

    init(jobType: JobType, answer: JobAnswer) {
        self.jobType = jobType
        self.storedFields = []
        self.answer = answer
    }

    /// The value of the field `name`, if Salesforce returned it.
    public subscript(_ name: String) -> FieldValue? {
        if let answer { return answer.value(named: name) }
        return storedFields.first { $0.name == name }?.value
    }

    /// The job id (`id`).
    public var id: String? { self["id"]?.stringValue }
    /// The job state (`state`), e.g. `Open`, `UploadComplete`, `JobComplete`, `Closed`.
    public var state: String? { self["state"]?.stringValue }
    /// The sObject (`object`).
    public var object: String? { self["object"]?.stringValue }
    /// The operation (`operation`).
    public var operation: String? { self["operation"]?.stringValue }
    /// The creating user (`createdById`).
    public var createdByID: String? { self["createdById"]?.stringValue }
    /// The creation date as Salesforce sent it (`createdDate`).
    public var createdDate: String? { self["createdDate"]?.stringValue }

    public static func == (a: Job, b: Job) -> Bool {
        a.jobType == b.jobType && a.fields.count == b.fields.count
            && zip(a.fields, b.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}

/// A Bulk API 1.0 batch: every field Salesforce returned, under Salesforce's names and in answer order.
public struct Batch: Sendable, Equatable {
    public var fields: [(name: String, value: FieldValue)]

    public init(fields: [(name: String, value: FieldValue)]) { self.fields = fields }

    /// The value of the field `name`, if Salesforce returned it.
    public subscript(_ name: String) -> FieldValue? {
        fields.first { $0.name == name }?.value
    }

    /// The batch id (`id`).
    public var id: String? { self["id"]?.stringValue }
    /// The batch state (`state`), e.g. `Queued`, `Completed`, `NotProcessed`.
    public var state: String? { self["state"]?.stringValue }

    public static func == (a: Batch, b: Batch) -> Bool {
        a.fields.count == b.fields.count
            && zip(a.fields, b.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}
