/// Where a script's text comes from.
enum ScriptSource: Equatable, Sendable {
    case file(String)
    case standardInput

    /// `-` means standard input, as with `lua`.
    init(argument: String) {
        self = argument == "-" ? .standardInput : .file(argument)
    }

    /// The name `arg[0]` holds.
    var name: String {
        switch self {
        case .file(let path): path
        case .standardInput: "-"
        }
    }

    /// The path for `LuaHost.load(file:)`: nil reads standard input.
    var path: String? {
        switch self {
        case .file(let path): path
        case .standardInput: nil
        }
    }
}
