import ArgumentParser

/// `sfjobs run`: run a Lua script once, or on a schedule.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a Lua script (FILE, - for standard input, or -e chunks).",
        discussion: """
            As with `lua`, every option comes before FILE; everything after FILE belongs to the script \
            and lands in the Lua table `arg` and in `...`.
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .customShort("e"), help: ArgumentHelp("Run CHUNK (repeatable, in order, before FILE).", valueName: "CHUNK"))
    var chunks: [String] = []

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The script and its arguments.", valueName: "FILE|- [ARGS...]"))
    var scriptAndArguments: [String] = []

    func validate() throws {
        if chunks.isEmpty && scriptAndArguments.isEmpty {
            throw ValidationError("nothing to run: give FILE, - or -e CHUNK")
        }
        if let first = scriptAndArguments.first, first.hasPrefix("-"), first != "-" {
            throw ValidationError("unknown option '\(first)' (options come before FILE)")
        }
    }

    func run() throws {
        let script = scriptAndArguments.first.map { ScriptSource(argument: $0) }
        try Frontend(common: common).runOnce(chunks: chunks, script: script, arguments: Array(scriptAndArguments.dropFirst()))
    }
}
