/// The command lines that start most often and name no option: `sfjobs` alone, and `sfjobs run`
/// with only `-e CHUNK`s (or `-eCHUNK`, `-e=CHUNK`), then `FILE|-` and the script's arguments. ``SFJobs/main()`` runs these
/// without ArgumentParser, whose reflection over the command tree (Mirror, generic metadata and
/// conformance lookups) takes most of the start-up time otherwise; every other line, each mistake
/// included, goes to ArgumentParser, which parses these the same way (DirectLaunchTests).
enum DirectLaunch: Equatable {
    /// `sfjobs`: a REPL on a terminal, otherwise standard input as a script.
    case standard
    /// `sfjobs run [-e CHUNK | -eCHUNK]... [FILE|- [ARGS...]]`, with at least a chunk or a file.
    case run(chunks: [String], scriptAndArguments: [String])

    /// The launch `arguments` (without the program name) ask for, or nil when they need parsing.
    init?(arguments: [String]) {
        guard let command = arguments.first else {
            self = .standard
            return
        }
        guard command == "run" else { return nil }
        var chunks: [String] = []
        var rest = arguments.dropFirst()
        while let word = rest.first, word.hasPrefix("-"), word != "-" {
            if let chunk = JoinedChunks.chunk(joinedIn: word) {  // joined, as `lua -e'print(1)'`
                chunks.append(chunk)
                rest = rest.dropFirst()
                continue
            }
            guard word == "-e", let chunk = rest.dropFirst().first, !chunk.hasPrefix("-") else { return nil }
            chunks.append(chunk)
            rest = rest.dropFirst(2)
        }
        guard !chunks.isEmpty || !rest.isEmpty else { return nil }
        self = .run(chunks: chunks, scriptAndArguments: Array(rest))
    }

    /// Does what `Run` and `SFJobs` do for the same line, with every option at its default.
    func run() throws {
        switch self {
        case .standard:
            try Frontend(common: CommonSettings()).runDefault()
        case .run(let chunks, let scriptAndArguments):
            let frontend = Run.frontend(common: CommonSettings(), memoryLimit: Run.defaultMemoryLimit)
            try frontend.runOnce(ScriptWork(chunks: chunks, scriptAndArguments: scriptAndArguments))
        }
    }
}
