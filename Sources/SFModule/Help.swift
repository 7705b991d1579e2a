import LuaHost

/// `help()` and `help(f)`: the module overview, or one function's usage.
enum Help {
    static let registryKey = "sf.help"

    static let overview = """
        sf — Salesforce Bulk API job housekeeping

          sf.job_info(id [, job_type])          sf.close_job(id [, state | opts])
          sf.abort_job(id [, opts])             sf.delete_job(id [, opts])
          sf.wait_job(id [, opts])              sf.batches(id)
          sf.jobs(filter) (an iterator)         sf.list_jobs(filter)
          sf.close_jobs(ids [, state | opts])   sf.job_infos(ids [, opts])
          sf.limits()   sf.api_usage()   sf.connect(opts)   conn:job_info(id) ...
          sf.sleep(s)   sf.now()   sf.parse_time(s)   sf.id18(id)   sf.is_job_id(s)
          sf.log.info(msg [, fields])   sf.json.encode(v)   sf.json.decode(s)
          sf.dry_run   sf.version

        Errors are tables: err.kind (argument, rest, login, connection, timeout, protocol),
        err.code, err.message, err.status, err.job_id, err.retryable; use pcall to catch them.
        help(sf.close_job) shows one function.
        """

    /// Records each function of the `sf` table at `index` with its usage, keyed by the function value
    /// (weakly: a connection's methods go when the connection does), and the table itself with the overview.
    static func register(moduleAt index: Int32, in state: LuaState) {
        state.newTable(fields: SFFunctions.all.count + 8)
        let help = state.top
        state.newTable(fields: 1)
        state.rawSet(table: -1, field: "__mode", .string("k"))
        state.setMetatable(of: help)
        state.pushCopy(of: index)
        state.push(overview)
        state.rawSetKeyValueOnTop(table: help)
        func record(_ entries: [SFFunctions.Entry], in table: Int32) {
            for entry in entries {
                state.rawGet(table: table, field: entry.name)
                state.push(entry.usage)
                state.rawSetKeyValueOnTop(table: help)
            }
        }
        record(SFFunctions.all, in: index)
        for (field, entries) in [("log", SFFunctions.log), ("json", SFFunctions.json)] {
            state.rawGet(table: index, field: field)
            record(entries, in: state.top)
            state.pop()
        }
        state.rawGet(table: index, field: "connect")
        state.push("sf.connect({instance_url=, access_token=, profile=, dry_run=, timeout=ms, ...}) -> conn\n  A connection with every job function as a method: conn:job_info(id). Keys are the SF_* variables in snake_case.")
        state.rawSetKeyValueOnTop(table: help)
        state.setRegistryValue(registryKey)
    }

    /// Records the usage of each method of the connection table at `index` (`help(conn.job_info)`).
    static func registerMethods(ofConnectionAt index: Int32, in state: LuaState) {
        let connection = state.absolute(index)
        state.pushRegistryValue(registryKey)
        let help = state.top
        for entry in SFFunctions.all where SFFunctions.connectionMethods.contains(entry.name) {
            state.rawGet(table: connection, field: entry.name)
            state.push(entry.usage.replacingOccurrences(of: "sf.\(entry.name)(", with: "conn:\(entry.name)("))
            state.rawSetKeyValueOnTop(table: help)
        }
        state.pop()
    }

    /// `help([f | name])`
    static func function(_ state: LuaState) throws -> Int32 {
        var text = overview
        if !state.isNil(at: 1) {
            state.pushRegistryValue(registryKey)
            if let name = state.string(at: 1) {
                text = SFFunctions.all.first { $0.name == name }?.usage ?? "no help for \"\(name)\"; help() lists the functions"
            } else {
                state.pushCopy(of: 1)
                state.rawGetKeyOnTop(table: -2)
                text = state.string(at: -1) ?? "no help for this \(state.typeName(at: 1)); help() lists the functions"
                state.pop()
            }
            state.pop()
        }
        print(text)
        return 0
    }
}
