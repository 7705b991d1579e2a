import ArgumentParser

/// `lua -e'x=1'`: a chunk joined to its flag. ArgumentParser reads `-eCHUNK` as `-e CHUNK` unless the
/// chunk holds a `=`: it then takes `-ex` for an option named up to the `=`. `-e=CHUNK` it reads whole
/// (`-e=x=1` is the chunk `x=1`). So before ArgumentParser parses a `run` line, each joined chunk among
/// the options is written `-e=CHUNK`; where the options end (FILE) is where ArgumentParser's own parse
/// of the rewritten line puts it, and the script's arguments after it reach the script unchanged.
enum JoinedChunks {
    /// `arguments` (without the program name) with each joined chunk among `run`'s options rewritten.
    static func rewritten(_ arguments: [String]) -> [String] {
        guard arguments.first == "run" else { return arguments }
        let joined = arguments.indices.dropFirst().filter { isJoinedChunk(arguments[$0]) }
        guard !joined.isEmpty else { return arguments }
        var everyOne = arguments
        for index in joined { everyOne[index] = "-e=" + arguments[index].dropFirst(2) }
        // A line that does not parse is reported as rewritten: its mistake is elsewhere (a joined
        // chunk with `=` would otherwise be reported as an unknown option).
        guard let run = (try? SFJobs.parseAsRoot(everyOne)) as? Run else { return everyOne }
        let scriptStart = arguments.count - run.scriptAndArguments.count
        var result = arguments
        for index in joined where index < scriptStart { result[index] = everyOne[index] }
        return result
    }

    /// `-eCHUNK`, not `-e` alone and not already `-e=CHUNK`.
    static func isJoinedChunk(_ word: String) -> Bool {
        word.hasPrefix("-e") && word.count > 2 && !word.hasPrefix("-e=")
    }

    /// The chunk of `-eCHUNK` or `-e=CHUNK`, as ArgumentParser reads the rewritten line; nil for any other word.
    static func chunk(joinedIn word: String) -> String? {
        if word.hasPrefix("-e=") { return String(word.dropFirst(3)) }
        return isJoinedChunk(word) ? String(word.dropFirst(2)) : nil
    }
}
