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

    mutating func run() throws {
        try Frontend(common: CommonOptions.parse([])).runDefault()
    }
}
