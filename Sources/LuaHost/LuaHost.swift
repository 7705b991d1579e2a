import CLua

/// Owns a `lua_State` and everything that makes it safe to embed: the
/// allocator with its memory budget, the hook for interrupts and time or
/// instruction budgets, the message handler, and protected calls.
///
/// A host is used from one thread at a time.  Only its
/// ``interruptHandle`` may be used from other threads.
public final class LuaHost {
    /// The main thread's stack.
    public let state: LuaState
    /// Stops running code from any thread.
    public let interruptHandle: LuaInterruptHandle
    /// Pushes the error object raised when code is interrupted; by default a
    /// string such as `"interrupted"`.  Called inside the hook: it must push
    /// exactly one value and must not throw.
    public var pushInterruptError: (LuaState, LuaInterruptReason) -> Void = { state, reason in
        state.push(reason.description)
    }

    private let control: UnsafeMutablePointer<clua_Control>
    private var callDepth = 0

    /// Creates a state with the standard libraries open.
    ///
    /// - Parameter memoryLimit: bytes Lua may hold at once while Lua code runs; nil for no limit.
    public init(memoryLimit: Int? = nil) throws(LuaError) {
        control = .allocate(capacity: 1)
        control.initialize(to: clua_Control())
        guard let L = clua_newstate(control) else {
            control.deallocate()
            throw LuaError(kind: .memory, message: "cannot create a Lua state: not enough memory")
        }
        state = LuaState(L)
        interruptHandle = LuaInterruptHandle(control: control)
        control.pointee.host = Unmanaged.passUnretained(self).toOpaque()
        control.pointee.interrupt_error = { L, host, reason in
            let owner = Unmanaged<LuaHost>.fromOpaque(host!).takeUnretainedValue()
            let state = LuaState(L!)
            let before = state.top
            owner.pushInterruptError(state, LuaInterruptReason(rawValue: reason) ?? .user)
            if state.top != before + 1 {
                state.setTop(before)
                state.push(LuaInterruptReason(rawValue: reason)?.description ?? "interrupted")
            }
        }
        lua_atpanic(L) { L in
            // Only reachable through a bug: an error outside any protected call.
            let message = LuaState(L!).string(at: -1) ?? "unknown error"
            fatalError("unprotected Lua error: \(message)")
        }
        luaL_openlibs(L)
        clua_gc_generational(L)
        clua_install_hook(L)
        self.memoryLimit = memoryLimit
    }

    deinit {
        lua_close(state.L)
        control.deinitialize(count: 1)
        control.deallocate()
    }

    // MARK: - Budgets

    /// Bytes Lua may hold while Lua code runs; nil for no limit.  An allocation
    /// over it fails with a memory error that the script can catch.
    public var memoryLimit: Int? {
        get { control.pointee.limit == 0 ? nil : Int(control.pointee.limit) }
        set { control.pointee.limit = newValue.map { max(1, $0) } ?? 0 }
    }

    /// Bytes Lua holds now.
    public var memoryInUse: Int { Int(control.pointee.used) }

    /// The most bytes Lua held at once.
    public var peakMemory: Int { Int(control.pointee.peak) }

    /// Lets at most `instructions` more VM instructions run (to a precision of
    /// 1,000); nil removes the budget.
    public func setInstructionBudget(_ instructions: Int64?) {
        control.pointee.instructions = 0
        control.pointee.instruction_limit = instructions ?? 0
    }

    /// Interrupts running code with ``LuaInterruptReason/timeout`` once
    /// `seconds` have passed; nil removes the deadline.
    public func setDeadline(secondsFromNow seconds: Double?) {
        control.pointee.deadline_ns = seconds.map { MonotonicClock.nanoseconds(after: clua_monotonic_ns(), seconds: $0) } ?? 0
    }

    /// Forgets a pending interrupt so the state can run code again.
    public func clearInterrupt() {
        clua_request_interrupt(control, 0)
    }

    // MARK: - Loading and calling

    /// Compiles `code` and pushes the resulting function.
    ///
    /// - Parameter name: the chunk name: `"=stdin"`, `"@path"`, `"=(command line)"`.
    public func load(_ code: String, name: String) throws(LuaError) {
        var code = code
        let status = code.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                clua_load_buffer(state.L, chars.baseAddress, chars.count, name)
            }
        }
        try checkLoad(status)
    }

    /// Compiles the file at `path` (nil: standard input) and pushes the function.
    public func load(file path: String?) throws(LuaError) {
        try checkLoad(clua_load_file(state.L, path))
    }

    private func checkLoad(_ status: Int32) throws(LuaError) {
        guard status != LUA_OK else { return }
        let message = state.string(at: -1) ?? "cannot load chunk"
        state.pop()
        switch status {
        case LUA_ERRSYNTAX: throw LuaError(kind: .syntax, message: message)
        case LUA_ERRMEM: throw LuaError(kind: .memory, message: message)
        default: throw LuaError(kind: .file, message: message)
        }
    }

    /// Calls the function below `arguments` values on the stack, protected,
    /// leaving `results` values (all, when nil) in their place.
    ///
    /// On error the stack is restored to below the function and the error is thrown.
    public func call(arguments: Int32, results: Int32? = nil) throws(LuaError) {
        let L = state.L
        let base = state.top - arguments
        lua_pushcclosure(L, clua_msghandler, 0)
        clua_insert(L, base)
        callDepth += 1
        let status = clua_pcall(L, arguments, results ?? CLUA_MULTRET, base)
        callDepth -= 1
        clua_remove(L, base)
        guard status != LUA_OK else {
            if callDepth == 0 { clearInterrupt() }
            return
        }
        let error = makeError(status: status)
        state.setTop(base - 1)
        if callDepth == 0 { clearInterrupt() }
        throw error
    }

    /// Loads and runs `code`, returning its results.
    @discardableResult
    public func run(_ code: String, name: String = "=(load)", arguments: [LuaValue] = []) throws(LuaError) -> [LuaValue] {
        try load(code, name: name)
        return try callPushed(arguments)
    }

    /// Loads and runs the file at `path` (nil: standard input), returning its results.
    @discardableResult
    public func run(file path: String?, arguments: [LuaValue] = []) throws(LuaError) -> [LuaValue] {
        try load(file: path)
        return try callPushed(arguments)
    }

    private func callPushed(_ arguments: [LuaValue]) throws(LuaError) -> [LuaValue] {
        let base = state.top - 1  // below the function
        guard state.ensureStack(arguments.count + 1) else {
            state.setTop(base)
            throw LuaError(kind: .runtime, message: "too many arguments (\(arguments.count))")
        }
        for argument in arguments { state.push(argument) }
        try call(arguments: Int32(arguments.count))
        let results = (base..<state.top).map { state.value(at: $0 + 1) }
        state.setTop(base)
        return results
    }

    /// Builds the error for a failed call from the error object on top.
    private func makeError(status: Int32) -> LuaError {
        state.pushRegistryValue("LuaHost.traceback")
        let traceback = state.string(at: -1)
        state.pop()
        state.pushNil()
        state.setRegistryValue("LuaHost.traceback")

        let kind: LuaError.Kind
        if status == LUA_ERRMEM {
            kind = .memory
        } else if let reason = LuaInterruptReason(rawValue: clua_pending_interrupt(control)) {
            kind = .interrupted(reason)
        } else if status == LUA_ERRERR {
            kind = .handler
        } else {
            kind = .runtime
        }
        var message = state.errorMessage(at: -1)
        if kind == .memory, let limit = memoryLimit {
            message += " (memory budget of \(limit) bytes)"
        }
        return LuaError(kind: kind, message: message, value: state.value(at: -1), traceback: traceback)
    }

    // MARK: - Modules

    /// Makes `functions` available as the global `name` and as `require(name)`.
    public func register(module name: String, functions: [String: LuaFunction]) {
        state.push(functions: functions)
        registerTopAsModule(name)
    }

    /// Makes the table on top the global `name` and `package.loaded[name]`; pops it.
    public func registerTopAsModule(_ name: String) {
        state.pushCopy(of: -1)
        state.setGlobal(name)
        state.pushRegistryValue(LUA_LOADED_TABLE)
        state.pushCopy(of: -2)
        state.rawSet(table: -2, field: name)
        state.pop(2)
    }

    /// Sets the global `arg` as `lua` does: the script at 0, its arguments at
    /// 1..., and the interpreter and its options at negative indices.
    public func setArgTable(interpreter: [String], script: String, arguments: [String]) {
        state.newTable(array: arguments.count, fields: interpreter.count + 1)
        for (offset, value) in interpreter.enumerated() {
            state.push(value)
            state.rawSet(table: -2, index: offset - interpreter.count)
        }
        state.push(script)
        state.rawSet(table: -2, index: 0)
        for (offset, value) in arguments.enumerated() {
            state.push(value)
            state.rawSet(table: -2, index: offset + 1)
        }
        state.setGlobal("arg")
    }

    /// Runs a full garbage collection.
    public func collectGarbage() { _ = clua_gc_collect(state.L) }
}
