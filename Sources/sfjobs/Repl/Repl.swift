import LuaHost
import SFModule

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interactive session: `lua`'s read-eval-print algorithm (expression
/// first, `=expr`, `<eof>` continuation) with line editing, history, tab
/// completion and pretty-printed results.
final class Repl {
    private let host: LuaHost
    private let editor: LineEditor
    private let printer: ValuePrinter
    private let reporter: ErrorReporter
    private let label: String

    /// - Parameter label: names the org the session talks to, shown in the prompt.
    /// - Throws: ``LineEditor/Unavailable`` when libedit cannot be loaded.
    init(host: LuaHost, label: String, colour: Bool, reporter: ErrorReporter) throws {
        self.host = host
        self.label = label
        self.reporter = reporter
        printer = ValuePrinter(colour: colour)
        editor = try LineEditor(historyPath: Repl.historyPath())
        editor.complete = { [host] before in
            let word = Completer.word(before: before)
            return (word, Completer.candidates(for: word, in: host.state))
        }
    }

    /// Reads and runs chunks until end of input.
    func run(greeting: String) {
        print(greeting)
        fflush(nil)
        let interrupt = host.interruptHandle
        let watcher = SignalWatcher(signals: [SIGINT]) { _, _ in interrupt.request(.user) }
        defer { watcher.cancel() }
        while let chunk = readChunk() {
            host.clearInterrupt()  // a Ctrl-C at the prompt must not stop the next chunk
            evaluate(chunk)
            fflush(nil)  // results (and what the chunk printed) show now, also through a pipe
        }
        print("")
        fflush(nil)
    }

    /// Reads a chunk: a line as `return line;` when that compiles, otherwise as
    /// a statement, reading more lines with the second prompt while the chunk
    /// is incomplete (`<eof>`).  Ctrl-C discards the lines typed so far; end of
    /// input inside a chunk reports it as incomplete, as `lua` does.  Returns
    /// its source; nil at end of input at the first prompt.
    private func readChunk() -> String? {
        while true {
            var line: String
            switch editor.readLine(prompt: promptText(first: true)) {
            case .end: return nil
            case .interrupted:
                showInterrupt()
                continue
            case .line(let text): line = text
            }
            if line.hasPrefix("=") { line = "return " + line.dropFirst() }
            if line.allSatisfy(\.isWhitespace) { continue }
            if (try? host.load("return " + line + ";", name: "=stdin")) != nil {
                host.state.pop()
                editor.remember(line)
                return "return " + line + ";"
            }
            var buffer = line
            reading: while true {
                do {
                    try host.load(buffer, name: "=stdin")
                    editor.remember(buffer)
                    host.state.pop()
                    return buffer
                } catch where error.kind == .syntax && error.message.hasSuffix("<eof>") {
                    switch editor.readLine(prompt: promptText(first: false)) {
                    case .line(let more): buffer += "\n" + more
                    case .interrupted:
                        showInterrupt()
                        break reading
                    case .end:
                        editor.remember(buffer)
                        print("")  // the error starts on a line of its own, not after the prompt
                        fflush(nil)
                        reporter.report(error)
                        break reading
                    }
                } catch {
                    editor.remember(buffer)
                    reporter.report(error)
                    break
                }
            }
        }
    }

    /// Acknowledges a Ctrl-C at a prompt: `^C`, and the next prompt on a new line.
    private func showInterrupt() {
        print("^C")
        fflush(nil)
    }

    /// Runs a compiled chunk's source and prints its results.
    private func evaluate(_ chunk: String) {
        let state = host.state
        let base = state.top
        do {
            try host.load(chunk, name: "=stdin")
            try host.call(arguments: 0)
            let rendered = (base + 1..<state.top + 1).map { index -> String in
                let value = state.value(at: index)
                if ValuePrinter.showsJobs(value) { return printer.render(value) }
                let shown = state.displayValue(at: index, maxDepth: printer.maxDepth + 1)
                if case .reference = shown { return state.describe(at: index) }  // as `tostring` names it
                return printer.render(shown)
            }
            state.setTop(base)
            if !rendered.isEmpty {
                print(rendered.joined(separator: rendered.contains { $0.contains("\n") } ? "\n" : "\t"))
            }
        } catch {
            state.setTop(base)
            fflush(nil)
            if error.kind == .interrupted(.user) { StandardError.write("\n") }  // after the terminal's `^C`
            reporter.report(error)
        }
    }

    private func promptText(first: Bool) -> String {
        let global = first ? "_PROMPT" : "_PROMPT2"
        host.state.pushGlobal(global)
        defer { host.state.pop() }
        if let custom = host.state.string(at: -1) { return custom }
        return first ? "sfjobs \(label)> " : ">> "
    }

    /// `$XDG_STATE_HOME/sfjobs/history` (default `~/.local/state`), its folder made 0700; nil when there is no home.
    static func historyPath() -> String? {
        let environment = { (name: String) in getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } }
        guard let stateHome = environment("XDG_STATE_HOME") ?? environment("HOME").map({ $0 + "/.local/state" }) else {
            return nil
        }
        var path = ""
        for component in (stateHome + "/sfjobs").split(separator: "/") {
            path += "/" + component
            mkdir(path, 0o700)
        }
        return path + "/history"
    }
}
