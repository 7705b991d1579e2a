import ArgumentParser

/// `sfjobs repl`: the interactive session.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Start the interactive Lua session (after running FILE with -i)."
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .customShort("i"), help: ArgumentHelp("Run FILE first, then start the session.", valueName: "FILE"))
    var initFile: String?

    func run() throws {
        try Frontend(common: common.settings).runRepl(initFile: initFile)
    }
}
