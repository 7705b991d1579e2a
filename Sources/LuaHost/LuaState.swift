import CLua

/// A view of one Lua thread's stack: the `lua_State *` that a Swift function
/// receives, or the main thread of a ``LuaHost``.
///
/// Every operation here is either free of Lua errors or uses raw access, so it
/// is safe to call from Swift at any time.  Operations that may run
/// metamethods (`tostring`) run under `lua_pcall`.  `lua_call` and `lua_error`
/// are deliberately absent: raising goes through ``LuaRaisable`` and the C
/// trampoline.
public struct LuaState {
    /// The raw `lua_State *`, for code in this module.
    let L: OpaquePointer

    init(_ L: OpaquePointer) { self.L = L }

    // MARK: - Stack

    /// The number of values on the stack (for a Swift function: its argument count).
    public var top: Int32 { lua_gettop(L) }

    public func setTop(_ index: Int32) { lua_settop(L, index) }

    public func pop(_ count: Int32 = 1) { clua_pop(L, count) }

    public func absolute(_ index: Int32) -> Int32 { lua_absindex(L, index) }

    /// Makes room for `count` more values on the stack; false when the stack cannot grow
    /// that far.  Lua guarantees only 20 free slots to a Swift function.
    public func ensureStack(_ count: Int) -> Bool {
        count <= 0 || lua_checkstack(L, Int32(clamping: count)) != 0
    }

    /// The Lua type name of the value at `index` (`"no value"` past the top).
    public func typeName(at index: Int32) -> String {
        String(cString: lua_typename(L, lua_type(L, index)))
    }

    public func isNil(at index: Int32) -> Bool { clua_isnoneornil(L, index) != 0 }

    public func isTable(at index: Int32) -> Bool { lua_type(L, index) == LUA_TTABLE }

    public func isFunction(at index: Int32) -> Bool { lua_type(L, index) == LUA_TFUNCTION }

    // MARK: - Pushing

    public func pushNil() { lua_pushnil(L) }

    public func push(_ value: Bool) { lua_pushboolean(L, value ? 1 : 0) }

    public func push(_ value: Int64) { lua_pushinteger(L, lua_Integer(value)) }

    public func push(_ value: Int) { lua_pushinteger(L, lua_Integer(value)) }

    public func push(_ value: Double) { lua_pushnumber(L, value) }

    /// Pushes a string byte for byte, embedded zeros included.
    public func push(_ value: String) {
        var value = value
        value.withUTF8 { buffer in
            _ = lua_pushlstring(L, buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }, buffer.count)
        }
    }

    /// Pushes the bytes as a Lua string; they need to live only during the call.
    public func push(bytes: UnsafeRawBufferPointer) {
        _ = lua_pushlstring(L, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count)
    }

    public func push(bytes: [UInt8]) {
        bytes.withUnsafeBytes { push(bytes: $0) }
    }

    /// Pushes the bytes as a Lua string taken from `cache[slot]` when that holds the same bytes,
    /// and keeps it there otherwise: for strings pushed again and again, such as a record's field
    /// names, which Lua would hash anew each time.  `cache` is the index of a table.
    public func push(bytes: UnsafeRawBufferPointer, cachedIn cache: Int32, slot: Int) {
        clua_push_cached_string(
            L, absolute(cache), lua_Integer(slot), bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count)
    }

    /// Pushes any value; `.opaque` values cannot be recreated and push `nil`.
    public func push(_ value: LuaValue) {
        switch value {
        case .nil, .opaque: lua_pushnil(L)
        case .boolean(let b): push(b)
        case .integer(let i): push(i)
        case .number(let d): push(d)
        case .string(let s): push(s)
        case .bytes(let b): push(bytes: b)
        case .table(let t): push(t)
        }
    }

    /// Pushes a table; nesting deeper than the stack allows is cut to `nil`.
    public func push(_ table: LuaTable) {
        guard ensureStack(3) else {
            lua_pushnil(L)
            return
        }
        lua_createtable(L, Int32(clamping: table.array.count), Int32(clamping: table.fields.count))
        for (offset, element) in table.array.enumerated() {
            push(element)
            lua_rawseti(L, -2, lua_Integer(offset + 1))
        }
        for (key, element) in table.fields {
            switch key {
            case .string(let s): push(s)
            case .integer(let i): push(i)
            }
            push(element)
            lua_rawset(L, -3)
        }
    }

    /// Pushes a copy of the value at `index`.
    public func pushCopy(of index: Int32) { lua_pushvalue(L, index) }

    /// Creates an empty table with room for `array` and `fields` entries, and room on the stack
    /// for a key and a value to set in it: Lua guarantees a Swift function only 20 free slots,
    /// and nested tables take two more per level.
    public func newTable(array: Int = 0, fields: Int = 0) {
        precondition(ensureStack(3), "the Lua stack cannot grow")  /* the table, a key, a value */
        lua_createtable(L, Int32(clamping: array), Int32(clamping: fields))
    }

    // MARK: - Raw table access (never runs metamethods)

    /// `t[key] = v` without metamethods, where the table is at `table` and the value on top (popped).
    public func rawSet(table: Int32, field key: String) {
        let t = absolute(table)
        push(key)
        lua_rotate(L, -2, 1)
        lua_rawset(L, t)
    }

    /// Sets `t[key] = value` on the table at `table`, raw.
    public func rawSet(table: Int32, field key: String, _ value: LuaValue) {
        let t = absolute(table)
        push(value)
        rawSet(table: t, field: key)
    }

    /// Sets `t[index] = top`, raw, popping the value.
    public func rawSet(table: Int32, index: Int) {
        lua_rawseti(L, table, lua_Integer(index))
    }

    /// Pushes `t[key]` of the table at `table`, raw; returns its Lua type.
    @discardableResult
    public func rawGet(table: Int32, field key: String) -> Int32 {
        let t = absolute(table)
        push(key)
        return lua_rawget(L, t)
    }

    @discardableResult
    public func rawGet(table: Int32, index: Int) -> Int32 {
        lua_rawgeti(L, table, lua_Integer(index))
    }

    /// Pushes `t[k]` where the table is at `table` and the key on top (replaced by the value), raw.
    @discardableResult
    public func rawGetKeyOnTop(table: Int32) -> Int32 {
        lua_rawget(L, table)
    }

    /// `t[k] = v` where the table is at `table`, with the key and then the value on top (both popped), raw.
    public func rawSetKeyValueOnTop(table: Int32) {
        lua_rawset(L, table)
    }

    /// The length of the table at `index` without `__len`.
    public func rawLength(at index: Int32) -> Int { Int(lua_rawlen(L, index)) }

    /// Calls `body` for each key/value of the table at `index`, raw, with the key
    /// at -2 and the value at -1.  `body` must leave the stack as it found it.
    public func forEachRaw(table index: Int32, _ body: () throws -> Void) rethrows {
        let t = absolute(index)
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            do { try body() } catch { pop(2); throw error }
            pop(1)
        }
    }

    // MARK: - Globals and the registry

    /// `_G[name] = top`, raw; pops the value.
    public func setGlobal(_ name: String) {
        clua_pushglobaltable(L)
        lua_rotate(L, -2, 1)
        rawSet(table: -2, field: name)
        pop()
    }

    /// Pushes `_G[name]`, raw.
    public func pushGlobal(_ name: String) {
        clua_pushglobaltable(L)
        rawGet(table: -1, field: name)
        lua_rotate(L, -2, 1)
        pop()
    }

    public func pushGlobalTable() { clua_pushglobaltable(L) }

    /// Pushes `registry[name]`.
    public func pushRegistryValue(_ name: String) {
        rawGet(table: CLUA_REGISTRYINDEX, field: name)
    }

    /// `registry[name] = top`; pops the value.
    public func setRegistryValue(_ name: String) {
        rawSet(table: CLUA_REGISTRYINDEX, field: name)
    }

    /// Pushes the metatable registered as `name`, creating it empty when new;
    /// returns true when it was created.
    @discardableResult
    public func pushMetatable(named name: String) -> Bool {
        luaL_newmetatable(L, name) != 0
    }

    /// Sets the table on top as the metatable of the value at `index`; pops it.
    public func setMetatable(of index: Int32) {
        lua_setmetatable(L, index)
    }

    /// Pushes the metatable of the value at `index` and returns true, or pushes nothing and returns false.
    public func pushMetatable(of index: Int32) -> Bool {
        lua_getmetatable(L, index) != 0
    }

    /// Whether the raw values at two indices are the same (`rawequal`).
    public func rawEqual(_ a: Int32, _ b: Int32) -> Bool { lua_rawequal(L, a, b) != 0 }

    // MARK: - Reading

    /// The value at `index` if it is a string (numbers are not converted).
    public func string(at index: Int32) -> String? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        return stringValue(at: index)
    }

    /// The integer at `index`, also from a float with an exact integer value or a numeric string.
    public func integer(at index: Int32) -> Int64? {
        var isNumber: Int32 = 0
        let value = clua_tointegerx(L, index, &isNumber)
        return isNumber != 0 ? Int64(value) : nil
    }

    public func number(at index: Int32) -> Double? {
        guard lua_type(L, index) == LUA_TNUMBER else { return nil }
        return clua_tonumberx(L, index, nil)
    }

    public func boolean(at index: Int32) -> Bool { lua_toboolean(L, index) != 0 }

    /// Copies the value at `index` out of Lua, reading tables raw.
    ///
    /// Nested tables are read to `maxDepth`; a table that contains itself reads
    /// as `.opaque("table")` where it recurs, and so does one the stack cannot grow for.
    public func value(at index: Int32, maxDepth: Int = 32) -> LuaValue {
        var visiting: Set<UnsafeRawPointer> = []
        return value(at: absolute(index), depth: maxDepth, visiting: &visiting)
    }

    private func value(at index: Int32, depth: Int, visiting: inout Set<UnsafeRawPointer>) -> LuaValue {
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE: return .nil
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(L, index) != 0 { return .integer(Int64(clua_tointegerx(L, index, nil))) }
            return .number(clua_tonumberx(L, index, nil))
        case LUA_TSTRING:
            var length = 0
            let pointer = lua_tolstring(L, index, &length)!
            let buffer = UnsafeRawBufferPointer(start: pointer, count: length)
            if let text = String(validating: buffer.bindMemory(to: UInt8.self), as: UTF8.self) { return .string(text) }
            return .bytes(Array(buffer))
        case LUA_TTABLE:
            guard let identity = lua_topointer(L, index), depth > 0, !visiting.contains(identity), ensureStack(3) else {
                return .opaque(typeName: "table")
            }
            visiting.insert(identity)
            defer { visiting.remove(identity) }
            var table = LuaTable()
            let length = Int(lua_rawlen(L, index))
            table.array.reserveCapacity(length)
            for i in 0..<length {
                lua_rawgeti(L, index, lua_Integer(i + 1))
                table.array.append(value(at: lua_gettop(L), depth: depth - 1, visiting: &visiting))
                pop()
            }
            lua_pushnil(L)
            while lua_next(L, index) != 0 {
                let key: LuaKey?
                switch lua_type(L, -2) {
                case LUA_TSTRING: key = stringValue(at: -2).map(LuaKey.string)
                case LUA_TNUMBER where lua_isinteger(L, -2) != 0:
                    let i = Int64(clua_tointegerx(L, -2, nil))
                    key = i >= 1 && i <= Int64(length) ? nil : .integer(i)
                default:
                    key = nil
                    table.otherKeyTypes.insert(typeName(at: -2))
                }
                if let key { table.fields[key] = value(at: lua_gettop(L), depth: depth - 1, visiting: &visiting) }
                pop()
            }
            return .table(table)
        default:
            return .opaque(typeName: typeName(at: index))
        }
    }

    /// The string at `index` (a string or number, converted in place as Lua does), lossy for invalid UTF-8.
    private func stringValue(at index: Int32) -> String? {
        var length = 0
        guard let pointer = lua_tolstring(L, index, &length) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    /// The message `lua` shows for the error object at `index`: a string or
    /// number as itself, else what its `__tostring` gives (run under
    /// protection), else `(error object is a nil value)` and the like.
    public func errorMessage(at index: Int32) -> String {
        let type = lua_type(L, index)
        if type == LUA_TSTRING || type == LUA_TNUMBER { return describe(at: index) }
        return metaDescription(at: index) ?? "(error object is a \(typeName(at: index)) value)"
    }

    /// `tostring(value)` as `print` makes it; an error in `__tostring` (or one that returns no string)
    /// is left on the stack and thrown, for the calling Swift function to raise again as it is.
    public func tostring(at index: Int32) throws(LuaStackError) -> String {
        guard clua_pcall_tostring(L, index) == LUA_OK else { throw LuaStackError(index: top) }
        defer { pop() }
        return stringValue(at: -1) ?? "?"
    }

    /// `tostring(value)` with `__tostring` run under protection; a description of the value when it fails.
    public func describe(at index: Int32) -> String {
        clua_push_tostring(L, index)
        defer { pop() }
        return stringValue(at: -1) ?? "?"
    }
}
