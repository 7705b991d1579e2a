/// What one run executes: `-e` chunks in order, then a script with its arguments.
struct ScriptWork: Sendable {
    var chunks: [String]
    var script: ScriptSource?
    var arguments: [String]

    /// The command line's split: chunks, then FILE (or `-`) and the arguments after it.
    init(chunks: [String], scriptAndArguments: [String]) {
        self.init(
            chunks: chunks, script: scriptAndArguments.first.map { ScriptSource(argument: $0) },
            arguments: Array(scriptAndArguments.dropFirst()))
    }

    init(chunks: [String], script: ScriptSource?, arguments: [String]) {
        self.chunks = chunks
        self.script = script
        self.arguments = arguments
    }

    /// The name log lines give the run's script: its path, `-`, or `(command line)` for chunks alone.
    var label: String { script?.name ?? "(command line)" }
}
