/// A Lua error that reached the host: a script's uncaught error, a syntax
/// error, an exhausted memory budget or an interrupt.
public struct LuaError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this was.
    public enum Kind: Sendable, Equatable {
        case syntax
        case runtime
        /// The memory budget (or the system) ran out of memory.
        case memory
        case interrupted(LuaInterruptReason)
        /// The error handler itself failed.
        case handler
        /// A script file could not be read.
        case file
    }

    public var kind: Kind
    /// `tostring(value)`.
    public var message: String
    /// The error object itself (tables read raw, so their fields are kept).
    public var value: LuaValue
    /// The Lua stack traceback at the point of the error, when one was taken.
    public var traceback: String?

    public init(kind: Kind, message: String, value: LuaValue? = nil, traceback: String? = nil) {
        self.kind = kind
        self.message = message
        self.value = value ?? .string(message)
        self.traceback = traceback
    }

    public var description: String { message }
}
