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
        let interrupt = host.interruptHandle
        let watcher = SignalWatcher(signals: [SIGINT]) { _, _ in interrupt.request(.user) }
        defer { watcher.cancel() }
        while let chunk = readChunk() {
            host.clearInterrupt()  // a Ctrl-C at the prompt must not stop the next chunk
            evaluate(chunk)
        }
        print("")
    }

    /// Reads a chunk: a line as `return line;` when that compiles, otherwise as
    /// a statement, reading more lines with the second prompt while the chunk
    /// is incomplete (`<eof>`).  Returns its source; nil at end of input.
    private func readChunk() -> String? {
        while true {
            guard var line = editor.readLine(prompt: promptText(first: true)) else { return nil }
            if line.hasPrefix("=") { line = "return " + line.dropFirst() }
            if line.allSatisfy(\.isWhitespace) { continue }
            if (try? host.load("return " + line + ";", name: "=stdin")) != nil {
                host.state.pop()
                editor.remember(line)
                return "return " + line + ";"
            }
            var buffer = line
            while true {
                do {
                    try host.load(buffer, name: "=stdin")
                    editor.remember(buffer)
                    host.state.pop()
                    return buffer
                } catch where error.kind == .syntax && error.message.hasSuffix("<eof>") {
                    guard let more = editor.readLine(prompt: promptText(first: false)) else { return nil }
                    buffer += "\n" + more
                } catch {
                    editor.remember(buffer)
                    reporter.report(error)
                    break
                }
            }
        }
    }

    /// Runs a compiled chunk's source and prints its results.
    private func evaluate(_ chunk: String) {
        let state = host.state
        let base = state.top
        do {
            try host.load(chunk, name: "=stdin")
            try host.call(arguments: 0)
            let values = (base..<state.top).map { state.value(at: $0 + 1) }
            let rendered = values.indices.map { index -> String in
                if case .opaque = values[index] { return state.describe(at: base + Int32(index) + 1) }
                return printer.render(values[index])
            }
            state.setTop(base)
            if !rendered.isEmpty {
                print(rendered.joined(separator: rendered.contains { $0.contains("\n") } ? "\n" : "\t"))
            }
        } catch {
            state.setTop(base)
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
