import LuaHost
import SFModule

/// Tab completion for the REPL: globals, keywords, `a.b.` fields and `a:`
/// methods, found with raw access only so no metamethod ever runs (an
/// `__index` is followed only when it is itself a table).
struct Completer {
    /// The identifier chain that ends at the cursor (`sf.clo`, `conn:jo`).
    static func word(before cursor: Substring) -> Substring {
        var start = cursor.endIndex
        while start > cursor.startIndex {
            let previous = cursor.index(before: start)
            let c = cursor[previous]
            guard c == "_" || c == "." || c == ":" || (c.isASCII && (c.isLetter || c.isNumber)) else { break }
            start = previous
        }
        return cursor[start...]
    }

    /// Every completion of `word`, as the full replacement text, sorted.
    static func candidates(for word: Substring, in state: LuaState) -> [String] {
        let separatorIndex = word.lastIndex { $0 == "." || $0 == ":" }
        let base = separatorIndex.map { word[..<$0] } ?? ""
        let partial = separatorIndex.map { word[word.index(after: $0)...] } ?? word
        let methodsOnly = separatorIndex.map { word[$0] == ":" } ?? false
        let top = state.top
        defer { state.setTop(top) }

        state.pushGlobalTable()
        for segment in base.split(separator: ".", omittingEmptySubsequences: false) where separatorIndex != nil {
            guard state.isTable(at: -1), !segment.isEmpty else { return [] }
            state.rawGet(table: -1, field: String(segment))
        }
        var names: [String: String] = [:]  // name -> suffix
        collectKeys(at: state.top, in: state, methodsOnly: methodsOnly, into: &names)
        if separatorIndex == nil {
            for keyword in LuaKeywords.all { names[keyword] = names[keyword] ?? "" }
        }
        let prefix = separatorIndex.map { String(word[...$0]) } ?? ""
        return names.filter { $0.key.hasPrefix(partial) && !$0.key.hasPrefix("__") }
            .map { prefix + $0.key + $0.value }
            .sorted()
    }

    /// The string keys of the table at `index` and of its `__index` tables (raw), with `.`/`(` suffixes.
    private static func collectKeys(at index: Int32, in state: LuaState, methodsOnly: Bool, into names: inout [String: String]) {
        var current = index
        for _ in 0..<4 {  // follow at most a few __index tables
            guard state.isTable(at: current) else { break }
            state.forEachRaw(table: current) {
                guard let key = state.string(at: -2), isIdentifier(key) else { return }
                let isFunction = state.isFunction(at: -1)
                if methodsOnly && !isFunction { return }
                names[key] = names[key] ?? (isFunction ? "(" : state.isTable(at: -1) ? "." : "")
            }
            guard state.pushMetatable(of: current) else { break }
            state.rawGet(table: -1, field: "__index")
            current = state.top
        }
    }

    private static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
        return s.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }

    /// The longest prefix all strings share.
    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first else { return "" }
        for s in strings.dropFirst() {
            while !s.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
