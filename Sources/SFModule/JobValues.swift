import LuaHost
import SalesforceBulk

/// Jobs as plain values outside Lua: the same fields as the job table, for
/// the command line's tables and `--json` documents.
public enum JobValues {
    /// The job as the Lua job table would read.
    public static func table(_ job: Job) -> LuaTable {
        var table = LuaTable()
        for field in job.fields { table[field.name] = luaValue(field.value) }
        if table["jobType"] == .nil { table["jobType"] = .string(job.jobType.rawValue) }
        return table
    }

    /// The job as one JSON object, in Salesforce's field order, `jobType` included.
    public static func json(_ job: Job) -> JSONValue {
        var members = job.fields.map { (key: $0.name, value: jsonValue($0.value)) }
        if job["jobType"] == nil { members.append((key: "jobType", value: .string(job.jobType.rawValue))) }
        return .object(members)
    }

    private static func luaValue(_ value: FieldValue) -> LuaValue {
        switch value {
        case .string(let s): .string(s)
        case .integer(let i): .integer(i)
        case .double(let d): .number(d)
        case .bool(let b): .boolean(b)
        case .null: .nil
        }
    }

    private static func jsonValue(_ value: FieldValue) -> JSONValue {
        switch value {
        case .string(let s): .string(s)
        case .integer(let i): .integer(i)
        case .double(let d): .double(d)
        case .bool(let b): .bool(b)
        case .null: .null
        }
    }
}
