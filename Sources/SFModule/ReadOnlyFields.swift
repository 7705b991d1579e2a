import LuaHost
import SalesforceBulk

/// Fields that describe a connection (`sf.dry_run`, `sf.version`, `conn.dry_run`) and so cannot be
/// assigned: `sf.dry_run = true` must not look as if it had turned the dry run on while closes still go
/// out. The fields live in the `__index` table of the owner's metatable (so reads, `help` and the REPL's
/// completion see them), and its `__newindex` refuses them; any other new key is stored as usual.
enum ReadOnlyFields {
    /// Gives the table at `index` its metatable: `__index` holding `fields`, the guarding `__newindex`,
    /// `__name` and `__metatable` set to `name` (so `setmetatable` cannot take the guard away).
    /// `owner` is how the table is written in the error (`sf`, `conn`).
    /// Each field comes with the reason the error gives for refusing it.
    static func install(
        _ fields: [(name: String, value: LuaValue, reason: String)], on index: Int32, owner: String, name: String, in state: LuaState
    ) {
        let table = state.absolute(index)
        let reasons = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.reason) })
        precondition(state.ensureStack(2), "the Lua stack cannot grow")  // the metatable and its __index table
        state.newTable(fields: 4)
        state.newTable(fields: fields.count)
        for field in fields { state.rawSet(table: -1, field: field.name, field.value) }
        state.rawSet(table: -2, field: "__index")
        state.push(function: { state in try assign(in: state, reasons: reasons, owner: owner) })
        state.rawSet(table: -2, field: "__newindex")
        state.rawSet(table: -1, field: "__name", .string(name))
        state.rawSet(table: -1, field: "__metatable", .string(name))
        state.setMetatable(of: table)
    }

    /// Why a connection's `dry_run` cannot be assigned, and what to do instead.
    static let dryRunReason = "a connection's dry run is chosen when it is made (--dry-run, or sf.connect{dry_run = true})"

    /// `__newindex(t, k, v)`: refuses the read-only names; stores anything else raw, as Lua would.
    private static func assign(in state: LuaState, reasons: [String: String], owner: String) throws -> Int32 {
        if let key = state.string(at: 2), let reason = reasons[key] {
            throw SFRaisedError(error: .badArgument("\(owner).\(key) cannot be assigned: \(reason)"))
        }
        // `lua_rawset` raises Lua's own error for these keys; raised here instead, it never crosses a Swift frame.
        if state.isNil(at: 2) { throw SFRaisedError(error: .badArgument("index is nil")) }
        if let number = state.number(at: 2), number.isNaN {
            throw SFRaisedError(error: .badArgument("index is NaN"))
        }
        state.setTop(3)
        state.rawSetKeyValueOnTop(table: 1)
        return 0
    }
}
