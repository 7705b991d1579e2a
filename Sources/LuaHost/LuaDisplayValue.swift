import CLua

/// A Lua value read to be shown to a person, not computed with: every table
/// entry is kept whatever its key, strings keep their bytes, and a value whose
/// metatable has `__tostring` is the text that gives.
public indirect enum LuaDisplayValue: Sendable, Equatable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    /// A string's bytes, which need not be UTF-8.
    case string([UInt8])
    /// A table's entries: its sequence 1...n (no key) first, then the other keys in no set order.
    case table([LuaDisplayEntry])
    /// What the value's `__tostring` gave, or why it failed.
    case described(String)
    /// A value shown by identity: a function, userdata or thread, or a table
    /// that contains itself, nests too deep or is a key.
    case reference(typeName: String, address: UInt)

    /// `tostring`'s text for a value shown by identity (`table: 0x55d0c3a2f6b0`).
    public static func referenceText(typeName: String, address: UInt) -> String {
        "\(typeName): 0x" + String(address, radix: 16)
    }
}

/// One entry of a table shown by ``LuaDisplayValue``.
public struct LuaDisplayEntry: Sendable, Equatable {
    /// The key; nil for an entry of the sequence 1...n.
    public var key: LuaDisplayValue?
    public var value: LuaDisplayValue

    public init(key: LuaDisplayValue?, value: LuaDisplayValue) {
        self.key = key
        self.value = value
    }
}

extension LuaDisplayValue {
    /// The display form of a value already copied out of Lua.
    public init(_ value: LuaValue) {
        switch value {
        case .nil: self = .nil
        case .boolean(let b): self = .boolean(b)
        case .integer(let i): self = .integer(i)
        case .number(let d): self = .number(d)
        case .string(let s): self = .string(Array(s.utf8))
        case .bytes(let b): self = .string(b)
        case .opaque(let type): self = .reference(typeName: type, address: 0)
        case .table(let table):
            var entries = table.array.map { LuaDisplayEntry(key: nil, value: LuaDisplayValue($0)) }
            for (key, value) in table.fields {
                let shownKey: LuaDisplayValue
                switch key {
                case .integer(let i): shownKey = .integer(i)
                case .string(let s): shownKey = .string(Array(s.utf8))
                }
                entries.append(LuaDisplayEntry(key: shownKey, value: LuaDisplayValue(value)))
            }
            self = .table(entries)
        }
    }
}

extension LuaState {
    /// Reads the value at `index` for display, with raw access except for
    /// `__tostring`, which runs under `lua_pcall` (its failure is shown, never raised).
    ///
    /// Tables are read to `maxDepth`; deeper ones, and one that recurs, are a ``LuaDisplayValue/reference(typeName:address:)``.
    public func displayValue(at index: Int32, maxDepth: Int = 32) -> LuaDisplayValue {
        var visiting: Set<UnsafeRawPointer> = []
        return displayValue(at: absolute(index), depth: maxDepth, visiting: &visiting)
    }

    private func displayValue(at index: Int32, depth: Int, visiting: inout Set<UnsafeRawPointer>) -> LuaDisplayValue {
        let type = lua_type(L, index)
        switch type {
        case LUA_TNIL, LUA_TNONE: return .nil
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(L, index) != 0 { return .integer(Int64(clua_tointegerx(L, index, nil))) }
            return .number(clua_tonumberx(L, index, nil))
        case LUA_TSTRING:
            var length = 0
            let pointer = lua_tolstring(L, index, &length)!
            return .string(Array(UnsafeRawBufferPointer(start: pointer, count: length)))
        default: break
        }
        let address = lua_topointer(L, index).map { UInt(bitPattern: $0) } ?? 0
        guard ensureStack(4) else { return .reference(typeName: typeName(at: index), address: address) }
        if let described = metaDescription(at: index) { return .described(described) }
        guard type == LUA_TTABLE, let identity = lua_topointer(L, index), depth > 0, !visiting.contains(identity) else {
            return .reference(typeName: typeName(at: index), address: address)
        }
        visiting.insert(identity)
        defer { visiting.remove(identity) }
        var entries: [LuaDisplayEntry] = []
        let length = Int(lua_rawlen(L, index))
        for i in 0..<length {
            lua_rawgeti(L, index, lua_Integer(i + 1))
            entries.append(LuaDisplayEntry(key: nil, value: displayValue(at: lua_gettop(L), depth: depth - 1, visiting: &visiting)))
            pop()
        }
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            let keyIndex = lua_gettop(L) - 1
            if lua_type(L, keyIndex) == LUA_TNUMBER, lua_isinteger(L, keyIndex) != 0 {
                let i = Int64(clua_tointegerx(L, keyIndex, nil))
                if i >= 1 && i <= Int64(length) {
                    pop()
                    continue
                }
            }
            var noTables: Set<UnsafeRawPointer> = []  // a key is shown by identity, never expanded
            let key = displayValue(at: keyIndex, depth: 0, visiting: &noTables)
            let value = displayValue(at: lua_gettop(L), depth: depth - 1, visiting: &visiting)
            entries.append(LuaDisplayEntry(key: key, value: value))
            pop()
        }
        return .table(entries)
    }

    /// What the value's `__tostring` gives (or why it failed); nil when it has none.
    func metaDescription(at index: Int32) -> String? {
        var pushed: Int32 = 0
        let status = clua_pcall_metatostring(L, index, &pushed)
        defer { pop(pushed) }
        if pushed == 0 { return nil }
        if status == LUA_OK { return string(at: -1) ?? "?" }
        return "<__tostring failed: \(describe(at: -1))>"
    }
}
