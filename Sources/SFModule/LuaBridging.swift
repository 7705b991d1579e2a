import LuaHost
import SalesforceBulk

/// Pushing client values into Lua: jobs, batches, field values and JSON.
extension LuaState {
    /// Pushes a job table: every field under Salesforce's name, `jobType` always, and `dryRun = true` when asked.
    func push(job: Job, dryRun: Bool = false) {
        if let answer = job.answer {
            // Straight from the answer's bytes: no Swift string per field. Salesforce names the same
            // fields in the same order in every answer, so the names come from a cache by position.
            precondition(ensureStack(5), "the Lua stack cannot grow")  // the table, the cache, a key (and its copy), a value
            newTable(fields: answer.count + 2)
            let names = pushFieldNameCache()
            var position = 0
            answer.forEachField { name, value in
                position += 1
                push(bytes: name, cachedIn: names, slot: position)
                switch value {
                case .text(let text): push(bytes: text)
                case .value(let value): push(value)
                }
                rawSetKeyValueOnTop(table: -4)
            }
            pop()
        } else {
            let fields = job.fields
            newTable(fields: fields.count + 2)
            for field in fields {
                push(field.name)
                push(field.value)
                rawSetKeyValueOnTop(table: -3)
            }
        }
        // A job read from an answer holds a non-null jobType (JobDecoding); one made from fields may lack it.
        if job.answer == nil, job["jobType"] == nil { rawSet(table: -1, field: "jobType", .string(job.jobType.rawValue)) }
        if dryRun { rawSet(table: -1, field: "dryRun", .boolean(true)) }
    }

    /// Pushes the table of job field names by position (see ``push(job:dryRun:)``), made on first use; its index.
    private func pushFieldNameCache() -> Int32 {
        pushRegistryValue(Self.fieldNameCacheKey)
        if !isTable(at: -1) {
            pop()
            newTable(array: 32)
            pushCopy(of: -1)
            setRegistryValue(Self.fieldNameCacheKey)
        }
        return top
    }

    private static let fieldNameCacheKey = "sfjobs.jobFieldNames"

    func push(batch: Batch) {
        newTable(fields: batch.fields.count)
        for field in batch.fields {
            push(field.name)
            push(field.value)
            rawSetKeyValueOnTop(table: -3)
        }
    }

    func push(_ value: FieldValue) {
        switch value {
        case .string(let s): push(s)
        case .integer(let i): push(i)
        case .double(let d): push(d)
        case .bool(let b): push(b)
        case .null: pushNil()
        }
    }

    /// Pushes JSON: objects and arrays as tables, `null` as nil; nesting deeper than
    /// the Lua stack allows is cut to nil.
    func push(json: JSONValue) {
        guard ensureStack(3) else {
            pushNil()
            return
        }
        switch json {
        case .null: pushNil()
        case .bool(let b): push(b)
        case .integer(let i): push(i)
        case .double(let d): push(d)
        case .string(let s): push(s)
        case .array(let elements):
            newTable(array: elements.count)
            for (offset, element) in elements.enumerated() {
                push(json: element)
                rawSet(table: -2, index: offset + 1)
            }
        case .object(let members):
            newTable(fields: members.count)
            for member in members {
                push(json: member.value)
                rawSet(table: -2, field: member.key)
            }
        }
    }
}

/// Converting Lua values to JSON for `sf.json.encode`.
enum LuaJSON {
    /// How deep `sf.json.encode` reads nested tables (``LuaState/value(at:maxDepth:)``'s default).
    static let maximumDepth = 32

    /// A table with only keys 1...n is an array; any other table an object (keys sorted); `{}` is an object.
    static func json(from value: LuaValue) throws(SalesforceError) -> JSONValue {
        switch value {
        case .nil: return .null
        case .boolean(let b): return .bool(b)
        case .integer(let i): return .integer(i)
        case .number(let d):
            guard d.isFinite else { throw .badArgument("cannot encode \(d.isNaN ? "NaN" : d < 0 ? "-inf" : "inf") as JSON: JSON has no such number") }
            return .double(d)
        case .string(let s): return .string(s)
        case .bytes: throw .badArgument("cannot encode a string that is not UTF-8 as JSON")
        case .opaque(typeName: "table"):
            throw .badArgument("cannot encode a table that contains itself or nests more than \(LuaJSON.maximumDepth) levels as JSON")
        case .opaque(let type): throw .badArgument("cannot encode a \(type) as JSON")
        case .table(let table):
            if let type = table.otherKeyTypes.sorted().first {
                throw .badArgument("cannot encode a table with a \(type) key as JSON: object keys are strings")
            }
            if table.fields.isEmpty && !table.array.isEmpty {
                var elements: [JSONValue] = []
                for element in table.array { elements.append(try json(from: element)) }
                return .array(elements)
            }
            var members: [(key: String, value: JSONValue)] = []
            for (offset, element) in table.array.enumerated() { members.append((String(offset + 1), try json(from: element))) }
            for (key, element) in table.fields {
                switch key {
                case .string(let s): members.append((s, try json(from: element)))
                case .integer(let i): members.append((String(i), try json(from: element)))
                }
            }
            members.sort { $0.key < $1.key }
            for (member, next) in zip(members, members.dropFirst()) where member.key == next.key {
                throw .badArgument("cannot encode a table with the key \"\(member.key)\" twice (as a number and as a string) as JSON")
            }
            return .object(members)
        }
    }
}
