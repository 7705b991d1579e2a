import LuaHost
import SalesforceBulk

/// The arguments of one `sf` call: positions count from the first argument
/// after `self` for connection methods.
struct SFCall {
    let state: LuaState
    /// The stack index of argument 1.
    let base: Int32
    let connection: SFConnection

    /// The stack index of argument `n`.
    func index(_ n: Int32) -> Int32 { base + n - 1 }

    func isNil(_ n: Int32) -> Bool { state.isNil(at: index(n)) }

    func string(_ n: Int32) throws(LuaArgumentError) -> String { try state.checkString(index(n)) }

    func optionalString(_ n: Int32) throws(LuaArgumentError) -> String? { try state.optionalString(index(n)) }

    func number(_ n: Int32) throws(LuaArgumentError) -> Double { try state.checkNumber(index(n)) }

    /// A table argument read field by field without metamethods, so one with a metatable is refused:
    /// defaults behind `__index` (or a length behind `__len`) would be silently missed, and an
    /// option or a filter missed can widen a clean-up.
    func table(_ n: Int32) throws(LuaArgumentError) -> LuaTable {
        try SFCall.plainTable(at: index(n), in: state)
    }

    /// ``table(_:)`` for a stack index.
    static func plainTable(at index: Int32, in state: LuaState) throws(LuaArgumentError) -> LuaTable {
        let table = try state.checkTable(index)
        if state.pushMetatable(of: index) {
            state.pop()
            throw LuaArgumentError(position: index, problem: "a plain table expected: sf reads tables without their metatables, and this one has one")
        }
        return table
    }

    /// An optional table argument (nil when absent).
    func optionalTable(_ n: Int32) throws(LuaArgumentError) -> LuaTable? { isNil(n) ? nil : try table(n) }

    /// The id list of `close_jobs` / `job_infos`, refused before it is read when longer than ``SFOptions/maxIDs``.
    func idList(_ n: Int32) throws -> [String] {
        guard state.isTable(at: index(n)) else { return try SFOptions.ids(try table(n)) }
        let count = state.rawLength(at: index(n))
        guard count <= SFOptions.maxIDs else {
            throw SalesforceError.badArgument("ids has \(count) entries; at most \(SFOptions.maxIDs) per call (split the list)")
        }
        return try SFOptions.ids(try table(n))
    }

    /// A job id argument, validated before any request.
    func jobID(_ n: Int32) throws -> JobID {
        try JobID(try string(n))
    }

    func argumentError(_ n: Int32, _ problem: String) -> LuaArgumentError {
        LuaArgumentError(position: index(n), problem: problem)
    }
}

/// Reading the option tables and names the `sf` functions accept.
enum SFOptions {
    /// The most ids one `close_jobs` / `job_infos` call takes.
    static let maxIDs = 100_000

    /// `"unknown"` (default), `"ingest"`, `"query"` or `"classic"`, any case.
    static func jobType(_ value: LuaValue, field: String = "job_type") throws(SalesforceError) -> JobTypeHint {
        switch value {
        case .nil: return .unknown
        case .string(let name):
            guard let hint = JobTypeHint(name: name) else {
                throw .badArgument("\(field) must be \"unknown\", \"ingest\", \"query\" or \"classic\", not \"\(name)\"")
            }
            return hint
        default: throw .badArgument("\(field) must be a string, not a \(value.typeName)")
        }
    }

    /// `"Closed"` or `"Aborted"`, any case.
    static func targetState(_ value: LuaValue, default fallback: TargetState = .closed) throws(SalesforceError) -> TargetState {
        switch value {
        case .nil: return fallback
        case .string(let name):
            guard let state = TargetState(name: name) else {
                throw .badArgument("state must be \"Closed\" or \"Aborted\", not \"\(name)\"", code: "INVALID_STATE")
            }
            return state
        default: throw .badArgument("state must be a string, not a \(value.typeName)", code: "INVALID_STATE")
        }
    }

    /// The longest timeout or interval the functions take: 30 days, in milliseconds.
    static let maximumMilliseconds = 30 * 86_400_000

    /// A timeout in milliseconds (`0` means none); a fraction rounds up, so a timeout under one
    /// millisecond is one millisecond, never none.
    static func milliseconds(_ value: LuaValue, field: String) throws(SalesforceError) -> Int? {
        switch value {
        case .nil: return nil
        case .integer, .number:
            guard let ms = value.doubleValue, ms >= 0, ms <= Double(maximumMilliseconds) else {
                let shown = value.integerValue.map { "\($0)" } ?? "\(value.doubleValue ?? .nan)"
                throw .badArgument("\(field) must be a number of milliseconds from 0 (none) to \(maximumMilliseconds) (30 days), not \(shown)")
            }
            return Int(ms.rounded(.up))
        default: throw .badArgument("\(field) must be a number of milliseconds, not a \(value.typeName)")
        }
    }

    /// A positive whole number.
    static func count(_ value: LuaValue, field: String, default fallback: Int) throws(SalesforceError) -> Int {
        switch value {
        case .nil: return fallback
        default:
            guard let n = value.integerValue, n >= 1, n <= 1024 else {
                throw .badArgument("\(field) must be a whole number from 1 to 1024")
            }
            return Int(n)
        }
    }

    /// Rejects keys the function does not know, so a typo never silently widens a cleanup.
    static func checkKeys(_ table: LuaTable, allowed: Set<String>, function: String) throws(SalesforceError) {
        if let type = table.otherKeyTypes.sorted().first {
            throw .badArgument("\(function): options are named by strings, not by a \(type)")
        }
        for key in table.fields.keys {
            guard case .string(let name) = key, allowed.contains(name) else {
                let shown = { if case .string(let s) = key { "\"\(s)\"" } else { "\(key)" } }()
                throw .badArgument("\(function): unknown option \(shown) (known: \(allowed.sorted().joined(separator: ", ")))")
            }
        }
        guard table.array.isEmpty else { throw .badArgument("\(function): options are a table of named fields") }
    }

    /// The ids of `close_jobs` / `job_infos`: strings, or job tables with an `id`.
    static func ids(_ table: LuaTable) throws(SalesforceError) -> [String] {
        guard table.fields.isEmpty, table.otherKeyTypes.isEmpty else { throw .badArgument("ids must be a list of job ids") }
        var ids: [String] = []
        for (offset, element) in table.array.enumerated() {
            if let id = element.stringValue ?? element.tableValue?["id"].stringValue {
                ids.append(id)
            } else {
                throw .badArgument("ids[\(offset + 1)] must be a job id string or a job table, not a \(element.typeName)", code: "INVALID_ID")
            }
        }
        return ids
    }

    /// The filter of `sf.jobs` / `sf.list_jobs`.
    static func filter(_ table: LuaTable?) throws(SalesforceError) -> JobFilter {
        var filter = JobFilter()
        guard let table else { return filter }
        try checkKeys(table, allowed: ["type", "job_type", "state", "object", "operation", "created_by", "older_than", "pk_chunking", "page_size"], function: "jobs")
        switch table["type"] {
        case .nil: break
        case .string(let name):
            guard let source = JobFilter.Source(rawValue: name.lowercased()) else {
                throw .badArgument("type must be \"ingest\", \"query\" or \"all\", not \"\(name)\"")
            }
            filter.type = source
        case let other: throw .badArgument("type must be a string, not a \(other.typeName)")
        }
        if case .string(let name) = table["job_type"] {
            guard let type = JobType(name: name) else {
                throw .badArgument("job_type must be V2Ingest, V2Query, Classic or BigObjectIngest, not \"\(name)\"")
            }
            filter.jobType = type
        } else if table["job_type"] != .nil {
            throw .badArgument("job_type must be a string")
        }
        switch table["state"] {
        case .nil: break
        case .string(let s): filter.states = [try jobState(s)]
        case .table(let list) where list.fields.isEmpty && list.array.allSatisfy({ $0.stringValue != nil }):
            // An empty list would filter nothing, turning a narrow clean-up into one over every job.
            guard !list.array.isEmpty else { throw .badArgument("state must name at least one state; {} matches no job") }
            filter.states = try list.array.compactMap(\.stringValue).map(jobState)
        default: throw .badArgument("state must be a string or a list of strings")
        }
        filter.object = try string(table["object"], field: "object")
        filter.operation = try string(table["operation"], field: "operation")
        filter.createdBy = try string(table["created_by"], field: "created_by")
        switch table["older_than"] {
        case .nil: break
        case let value:
            guard let seconds = value.doubleValue, seconds >= 0 else { throw .badArgument("older_than must be a number of seconds") }
            filter.olderThan = seconds
        }
        switch table["pk_chunking"] {
        case .nil: break
        case .boolean(true): filter.pkChunking = true
        case .boolean(false):
            // Salesforce lists only the jobs that use PK chunking (isPkChunkingEnabled=true), and a listed
            // job does not say whether it does: false could not exclude any, and would match every job.
            throw .badArgument(
                "pk_chunking = false cannot be filtered: Salesforce lists only the jobs that use PK chunking; "
                    + "leave it out, and skip the ids list_jobs{pk_chunking = true} returns")
        default: throw .badArgument("pk_chunking must be a boolean")
        }
        if table["page_size"] != .nil { filter.pageSize = try count(table["page_size"], field: "page_size", default: 1000) }
        return filter
    }

    /// A state to filter on, any case: a typo (`"Completed"`) would otherwise match no job, and a clean-up
    /// would do nothing without a word.
    private static func jobState(_ name: String) throws(SalesforceError) -> String {
        guard let state = JobFilter.jobState(named: name) else {
            throw .badArgument("state \"\(name)\" \(JobFilter.jobStatesListed)", code: "INVALID_STATE")
        }
        return state
    }

    private static func string(_ value: LuaValue, field: String) throws(SalesforceError) -> String? {
        switch value {
        case .nil: return nil
        case .string(let s): return s
        default: throw .badArgument("\(field) must be a string, not a \(value.typeName)")
        }
    }
}
