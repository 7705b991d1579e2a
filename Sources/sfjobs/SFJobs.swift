import ArgumentParser

/// The `sfjobs` command: Salesforce Bulk API job housekeeping in Lua.
@main
struct SFJobs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sfjobs",
        abstract: "Salesforce Bulk API job housekeeping, scripted in Lua.",
        discussion: """
            With no command: a REPL on a terminal, otherwise a Lua script read from standard input.
            Try `sfjobs demo` for a REPL connected to a local simulated org.
            """,
        version: SFJobsVersion.current,
        subcommands: [Run.self, ReplCommand.self, JobInfoCommand.self, CloseJobCommand.self, JobsCommand.self, ConfigCommand.self, Demo.self, SimulatorCommand.self]
    )

    /// Runs the command line: the few that need no parsing directly (``DirectLaunch``), every other
    /// one through ArgumentParser (with chunks joined to `-e` made readable to it, ``JoinedChunks``).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let launch = DirectLaunch(arguments: arguments) else { return main(JoinedChunks.rewritten(arguments)) }
        do {
            try launch.run()
        } catch {
            exit(withError: error)
        }
    }

    mutating func run() throws {
        try DirectLaunch.standard.run()
    }
}
