/// A Lua value copied out of (or into) a `lua_State`.
///
/// Conversions never lose information: integers and floats stay apart, a
/// string that is not valid UTF-8 is kept as `.bytes`, and functions, userdata
/// and threads are described by `.opaque` (they can be read, never pushed).
public enum LuaValue: Sendable, Equatable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    /// A Lua string that is valid UTF-8; it may hold embedded zeros.
    case string(String)
    /// A Lua string that is not valid UTF-8, byte for byte.
    case bytes([UInt8])
    case table(LuaTable)
    /// A function, userdata or thread, named by its Lua type.
    case opaque(typeName: String)

    /// The name `type()` gives this value in Lua.
    public var typeName: String {
        switch self {
        case .nil: "nil"
        case .boolean: "boolean"
        case .integer, .number: "number"
        case .string, .bytes: "string"
        case .table: "table"
        case .opaque(let name): name
        }
    }

    /// The string, when this is a UTF-8 string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The integer, when this is an integer or a float with an exact integer value.
    public var integerValue: Int64? {
        switch self {
        case .integer(let i): return i
        case .number(let d): return Int64(exactly: d)
        default: return nil
        }
    }

    /// The number as a Double, for integers and floats.
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }

    public var boolValue: Bool? {
        if case .boolean(let b) = self { return b }
        return nil
    }

    public var tableValue: LuaTable? {
        if case .table(let t) = self { return t }
        return nil
    }
}

/// A key of a Lua table that converts to Swift: a string or an integer.
public enum LuaKey: Sendable, Hashable {
    case string(String)
    case integer(Int64)
}

/// A Lua table split into its sequence (keys 1...n) and its other keys.
///
/// Keys that are neither strings nor integers (floats, booleans, tables) are
/// not carried over.
public struct LuaTable: Sendable, Equatable {
    /// The values at keys 1...n, in order (Lua's key 1 is `array[0]`).
    public var array: [LuaValue]
    /// Every other string or integer key.
    public var fields: [LuaKey: LuaValue]
    /// The types of the keys a table read from Lua had besides those (`boolean`, `number` for a
    /// float, `table`...), whose entries are not read: a reader that must see every entry refuses them.
    public var otherKeyTypes: Set<String> = []

    public init(array: [LuaValue] = [], fields: [LuaKey: LuaValue] = [:]) {
        self.array = array
        self.fields = fields
    }

    /// A table of string keys.
    public init(_ fields: [String: LuaValue]) {
        self.array = []
        self.fields = Dictionary(uniqueKeysWithValues: fields.map { (LuaKey.string($0.key), $0.value) })
    }

    /// The value at a string key, or `.nil`.
    public subscript(key: String) -> LuaValue {
        get { fields[.string(key)] ?? .nil }
        set { fields[.string(key)] = newValue == .nil ? nil : newValue }
    }

    public var isEmpty: Bool { array.isEmpty && fields.isEmpty && otherKeyTypes.isEmpty }
}

extension LuaValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(nilLiteral: ()) { self = .nil }
}
