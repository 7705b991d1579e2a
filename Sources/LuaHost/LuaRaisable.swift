import CLua

/// A Swift error that knows which Lua value to raise for itself.
///
/// When a Swift function called from Lua throws, the value this pushes becomes
/// the Lua error (what `pcall` returns).  Errors that do not conform raise a
/// string `"chunk:line: description"`, as `luaL_error` would.
public protocol LuaRaisable: Error {
    /// Pushes exactly one value: the error object.
    func push(onto state: LuaState)
}

/// A bad argument to a Swift function, reported the way Lua's own library does:
/// `bad argument #1 to 'job_info' (string expected, got nil)`.
public struct LuaArgumentError: LuaRaisable, Equatable {
    /// The 1-based argument position as the caller wrote it.
    public var position: Int32
    /// What was wrong, e.g. `string expected, got nil`.
    public var problem: String

    public init(position: Int32, problem: String) {
        self.position = position
        self.problem = problem
    }

    /// An argument of the wrong type: `"<expected> expected, got <actual type>"`.
    public static func type(_ position: Int32, expected: String, in state: LuaState) -> LuaArgumentError {
        let actual = state.top < position ? "no value" : state.typeName(at: position)
        return LuaArgumentError(position: position, problem: "\(expected) expected, got \(actual)")
    }

    /// The full message, naming the running function as `luaL_argerror` does
    /// (and counting `self` out of method calls); `fallback` names it when Lua cannot.
    public func message(in state: LuaState, unnamedAs fallback: String = "?") -> String {
        var isMethod: Int32 = 0
        clua_push_current_function_name(state.L, &isMethod)
        let found = state.string(at: -1) ?? "?"
        let name = found == "?" ? fallback : found
        state.pop()
        var position = position
        if isMethod != 0 {
            position -= 1
            if position == 0 { return "calling '\(name)' on bad self (\(problem))" }
        }
        return "bad argument #\(position) to '\(name)' (\(problem))"
    }

    public func push(onto state: LuaState) {
        state.pushWhere()
        state.push(message(in: state))
        lua_concat(state.L, 2)
    }
}

/// An error a protected call left on the stack at `index`, raised again as it is (a Ctrl-C or run
/// timeout in a metamethod included), as though the Swift function had not stood in between.
public struct LuaStackError: LuaRaisable {
    public let index: Int32

    public func push(onto state: LuaState) { state.pushCopy(of: index) }
}

extension LuaState {
    /// Pushes `"chunkname:line: "` of the Lua code that called the running function.
    public func pushWhere() { clua_push_where(L, 1) }

    /// Pushes the Lua error value for any Swift error.
    func pushError(_ error: any Error) {
        if let raisable = error as? any LuaRaisable {
            let before = top
            raisable.push(onto: self)
            if top != before + 1 {  // a broken conformance must not corrupt the stack
                setTop(before)
                push("error object could not be built")
            }
        } else {
            pushWhere()
            push(String(describing: error))
            lua_concat(L, 2)
        }
    }
}
