import CLua

/// A Swift function callable from Lua.
///
/// It receives the calling thread's stack with its arguments at 1...top,
/// pushes its results and returns how many it pushed.  To raise a Lua error
/// it throws; the error never unwinds through Lua (see ``LuaRaisable``).
public typealias LuaFunction = (LuaState) throws -> Int32

/// Holds a ``LuaFunction`` for as long as Lua holds the function value.
private final class LuaFunctionBox {
    let body: LuaFunction
    init(_ body: @escaping LuaFunction) { self.body = body }
}

/// Runs a boxed Swift function for the C trampoline; an error is pushed and
/// reported as `CLUA_RAISE`, and the trampoline raises it in C.
private let dispatchSwiftFunction: clua_SwiftCall = { L, context in
    let box = Unmanaged<LuaFunctionBox>.fromOpaque(context!).takeUnretainedValue()
    let state = LuaState(L!)
    do {
        return try box.body(state)
    } catch {
        state.pushError(error)
        return CLUA_RAISE
    }
}

private let releaseSwiftFunction: clua_SwiftRelease = { context in
    Unmanaged<LuaFunctionBox>.fromOpaque(context!).release()
}

extension LuaState {
    /// Pushes a Lua function that runs `body`.
    public func push(function body: @escaping LuaFunction) {
        let context = Unmanaged.passRetained(LuaFunctionBox(body)).toOpaque()
        clua_push_swift_function(L, dispatchSwiftFunction, releaseSwiftFunction, context)
    }

    /// Pushes a table of functions (a module or a metatable's methods).
    public func push(functions: [String: LuaFunction]) {
        newTable(fields: functions.count)
        for (name, body) in functions.sorted(by: { $0.key < $1.key }) {
            push(function: body)
            rawSet(table: -2, field: name)
        }
    }

    /// `_G[name] = function`.
    public func setGlobal(_ name: String, function body: @escaping LuaFunction) {
        push(function: body)
        setGlobal(name)
    }

    // MARK: - Argument checking, as lauxlib does it

    /// The string argument at `position`; numbers are not accepted.
    public func checkString(_ position: Int32) throws(LuaArgumentError) -> String {
        guard let s = string(at: position) else {
            throw .type(position, expected: "string", in: self)
        }
        return s
    }

    /// The optional string argument at `position`.
    public func optionalString(_ position: Int32) throws(LuaArgumentError) -> String? {
        isNil(at: position) ? nil : try checkString(position)
    }

    /// The integer argument at `position` (a float with an exact integer value is accepted).
    public func checkInteger(_ position: Int32) throws(LuaArgumentError) -> Int64 {
        guard lua_type(L, position) == LUA_TNUMBER else {
            throw .type(position, expected: "number", in: self)
        }
        guard let value = integer(at: position) else {
            throw LuaArgumentError(position: position, problem: "number has no integer representation")
        }
        return value
    }

    public func optionalInteger(_ position: Int32) throws(LuaArgumentError) -> Int64? {
        isNil(at: position) ? nil : try checkInteger(position)
    }

    public func checkNumber(_ position: Int32) throws(LuaArgumentError) -> Double {
        guard let value = number(at: position) else {
            throw .type(position, expected: "number", in: self)
        }
        return value
    }

    public func checkTable(_ position: Int32) throws(LuaArgumentError) -> LuaTable {
        guard isTable(at: position), let table = value(at: position).tableValue else {
            throw .type(position, expected: "table", in: self)
        }
        return table
    }
}
