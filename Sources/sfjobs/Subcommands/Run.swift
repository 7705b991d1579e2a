import ArgumentParser

/// `sfjobs run`: run a Lua script once, or on a schedule.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a Lua script (FILE, - for standard input, or -e chunks), once or on a schedule.",
        discussion: """
            As with `lua`, every option comes before FILE; everything after FILE belongs to the script \
            and lands in the Lua table `arg` and in `...`. With --every or --cron each run gets a fresh \
            Lua state; runs never overlap, and a failed run is logged and the schedule goes on.
            """
    )

    @OptionGroup var common: CommonOptions

    @OptionGroup(title: "Scheduling") var scheduling: ScheduleOptions

    @Option(name: .customLong("memory-limit"),
            help: ArgumentHelp("Bytes the script's Lua state may hold (512K, 64M, 1G; 0 for no limit; default 1G).", valueName: "BYTES"),
            transform: { try ByteCountArgument(parsing: $0) })
    var memoryLimit = Self.defaultMemoryLimit

    static let defaultMemoryLimit = ByteCountArgument(bytes: 1 << 30)

    /// The frontend a run uses: `common` settings, and Lua states held to `memoryLimit` (0 for none).
    static func frontend(common: CommonSettings, memoryLimit: ByteCountArgument) -> Frontend {
        var frontend = Frontend(common: common)
        frontend.memoryLimit = memoryLimit.bytes > 0 ? memoryLimit.bytes : nil
        return frontend
    }

    /// `-e CHUNK`, or joined as `lua` takes it: `-e'print(1)'`.
    @Option(name: .customShort("e", allowingJoined: true),
            help: ArgumentHelp("Run CHUNK (repeatable, in order, before FILE).", valueName: "CHUNK"))
    var chunks: [String] = []

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The script and its arguments.", valueName: "FILE|- [ARGS...]"))
    var scriptAndArguments: [String] = []

    mutating func validate() throws {
        if let first = scriptAndArguments.first, first == "--help" || first == "-h" {
            throw CleanExit.helpRequest(self)
        }
        if scriptAndArguments.first == "--version" { throw CleanExit.message(SFJobsVersion.current) }
        // `--` ends the options, as with lua: what follows is FILE, even when it starts with a dash.
        let endsOptions = scriptAndArguments.first == "--"
        if endsOptions { scriptAndArguments.removeFirst() }
        if chunks.isEmpty && scriptAndArguments.isEmpty {
            throw ValidationError("nothing to run: give FILE, - or -e CHUNK")
        }
        if !endsOptions, let first = scriptAndArguments.first, first.hasPrefix("-"), first != "-" {
            throw ValidationError("unknown option '\(first)' (options come before FILE; '--' ends them)")
        }
        if scheduling.schedule != nil && scriptAndArguments.first == "-" {
            throw ValidationError("a scheduled run cannot read its script from standard input: give FILE")
        }
    }

    func run() throws {
        let frontend = Self.frontend(common: common.settings, memoryLimit: memoryLimit)
        if let lock = scheduling.lock { try frontend.acquireLock(lock) }
        let work = ScriptWork(chunks: chunks, scriptAndArguments: scriptAndArguments)
        guard let schedule = scheduling.schedule else {
            try frontend.runOnce(work, timeout: scheduling.runTimeout)
            return
        }
        let status = Scheduler(frontend: frontend, work: work, schedule: schedule, options: scheduling).run()
        if status != ExitStatus.success { throw ExitCode(status: status) }
    }
}
