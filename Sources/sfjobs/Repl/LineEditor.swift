import CEditline
import LuaHost
import SalesforceBulk

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines on a terminal through libedit, with a history file and tab
/// completion supplied by the caller.
///
/// libedit is opened here, when a REPL starts (see `ceditline.h`).
final class LineEditor {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyFile: HistoryFile?
    private var prompt: UnsafeMutablePointer<CChar>
    /// libedit edits, and shows the prompt, only when input and output are terminals;
    /// otherwise (`sfjobs demo | tee log`) the prompt is written here, as `lua` does.
    private let writesPrompt = isatty(STDIN_FILENO) == 0 || isatty(STDOUT_FILENO) == 0
    /// Offers completions for the line up to the cursor: the word to replace and its candidates.
    var complete: (Substring) -> (word: Substring, candidates: [String]) = { _ in (Substring(""), []) }

    /// The most lines the history keeps.
    static let historySize: Int32 = 1000

    /// Why a line editor cannot be made: libedit is missing.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    init(historyPath: String?) throws(Unavailable) {
        if let reason = ceditline_load() { throw Unavailable(description: String(cString: reason)) }
        Self.useUTF8CharacterType()
        editLine = ceditline_init("sfjobs")
        history = ceditline_history_init()
        prompt = strdup("> ")
        historyFile = historyPath.map { HistoryFile(path: $0, limit: Self.historySize) }
        var event = HistEvent()
        ceditline_history_set_size(history, &event, Self.historySize)
        ceditline_history_set_unique(history, &event, 1)
        historyFile?.load(into: history)
        ceditline_set_history(editLine, history)
        ceditline_set_editor(editLine, "emacs")
        ceditline_set_client_data(editLine, Unmanaged.passUnretained(self).toOpaque())
        ceditline_set_prompt(editLine) { editLine in
            let editor = Unmanaged<LineEditor>.fromOpaque(ceditline_client_data(editLine)!).takeUnretainedValue()
            return editor.prompt
        }
        ceditline_add_function(editLine, "sfjobs-complete", "Complete a Lua name") { editLine, _ in
            let editor = Unmanaged<LineEditor>.fromOpaque(ceditline_client_data(editLine!)!).takeUnretainedValue()
            return editor.completeAtCursor()
        }
        ceditline_bind(editLine, "^I", "sfjobs-complete")
        // A Ctrl-D typed while the terminal is still in cooked mode (while code runs, or in the
        // moment between the prompt and libedit's switch to raw mode) reaches libedit as a NUL
        // byte: on an empty line it ends input as Ctrl-D would, instead of being lost.
        ceditline_add_function(editLine, "sfjobs-eof-if-empty", "End of input on an empty line") { editLine, _ in
            guard let info = ceditline_line(editLine)?.pointee else { return UInt8(CC_NORM) }
            return UInt8(info.lastchar == info.buffer ? CC_EOF : CC_NORM)
        }
        ceditline_bind(editLine, "^@", "sfjobs-eof-if-empty")
        ceditline_source_defaults(editLine)
    }

    /// libedit reads multibyte characters by the C library's character type, which a program has in
    /// the "C" locale until it asks: there, every byte past ASCII typed or pasted was dropped. The
    /// environment's character type is taken, and UTF-8 when that is not UTF-8 (Lua's strings are bytes
    /// and scripts are UTF-8). Only `LC_CTYPE` changes: numbers and dates print as before.
    private static func useUTF8CharacterType() {
        setlocale(LC_CTYPE, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset != "UTF-8" { setlocale(LC_CTYPE, "C.UTF-8") }
    }

    deinit {
        ceditline_history_end(history)
        ceditline_end(editLine)
        free(prompt)
    }

    /// What one read gave: a line, a Ctrl-C that discarded the line being typed, or the end of input.
    enum Input: Equatable {
        /// A line, without its newline.
        case line(String)
        case interrupted
        case end
    }

    /// Reads one line after showing `prompt`.
    func readLine(prompt text: String) -> Input {
        free(prompt)
        prompt = strdup(text)
        if writesPrompt {
            print(text, terminator: "")
            fflush(nil)
        }
        var count: Int32 = 0
        var interrupted: Int32 = 0
        let line = ceditline_gets(editLine, &count, &interrupted)
        if interrupted != 0 { return .interrupted }
        guard let line, count > 0 else { return .end }
        var result = String(cString: line)
        if result.hasSuffix("\n") { result.removeLast() }
        return .line(result)
    }

    /// Adds an entry, its credentials masked, to the history and appends it to the history file.
    func remember(_ entry: String) {
        guard !entry.allSatisfy(\.isWhitespace) else { return }
        let masked = Redaction.redactLuaSource(entry)
        var event = HistEvent()
        ceditline_history_enter(history, &event, masked)
        historyFile?.append(masked)
    }

    private func completeAtCursor() -> UInt8 {
        guard let info = ceditline_line(editLine)?.pointee else { return UInt8(CC_ERROR) }
        let length = info.cursor - info.buffer
        let before = String(decoding: UnsafeRawBufferPointer(start: info.buffer, count: length), as: UTF8.self)
        let (word, candidates) = complete(Substring(before))
        guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let common = Completer.commonPrefix(candidates)
        if common.count > word.count {
            _ = ceditline_insert(editLine, String(common.dropFirst(word.count)))
            return UInt8(CC_REFRESH)
        }
        guard candidates.count > 1 else { return UInt8(CC_REFRESH) }
        let shown = candidates.prefix(200).joined(separator: "  ")
        let more = candidates.count > 200 ? "  (\(candidates.count - 200) more)" : ""
        ceditline_print("\n" + shown + more + "\n")
        return UInt8(CC_REDISPLAY)
    }
}
