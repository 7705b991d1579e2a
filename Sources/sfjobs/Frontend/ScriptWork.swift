/// What one run executes: `-e` chunks in order, then a script with its arguments.
struct ScriptWork: Sendable {
    var chunks: [String]
    var script: ScriptSource?
    var arguments: [String]

    /// The name log lines give the run's script: its path, `-`, or `(command line)` for chunks alone.
    var label: String { script?.name ?? "(command line)" }
}

extension ScriptWork {
    /// The command line's split: chunks, then FILE (or `-`) and the arguments after it.
    init(chunks: [String], scriptAndArguments: [String]) {
        self.init(
            chunks: chunks, script: scriptAndArguments.first.map { ScriptSource(argument: $0) },
            arguments: Array(scriptAndArguments.dropFirst()))
    }
}
