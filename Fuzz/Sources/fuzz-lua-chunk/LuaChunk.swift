import FuzzDriver
import LuaHost

/// Library functions a fuzzed chunk must not reach: the file system, processes, and
/// `load` of precompiled chunks (Lua does not check bytecode, so those crash by design).
private let sandbox = """
    io, os, package, require, dofile, loadfile, debug = nil
    string.dump = nil
    local load = load
    _G.load = function(chunk, name, _, env) return load(chunk, name, "t", env) end
    """

/// Runs the input as a Lua chunk (text only) under a memory limit and an instruction budget,
/// reads every result with `value(at:)`, pushes each back and reads it again.
@main
enum Target {
    static func main() { runFuzzer(fuzzLuaChunk) }
}

func fuzzLuaChunk(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard bytes.first != 0x1B, let host = try? LuaHost(memoryLimit: 4 << 20) else { return 0 }
    do throws(LuaError) {
        try host.run(sandbox)
        host.setInstructionBudget(200_000)
        let results = try host.run(String(decoding: bytes, as: UTF8.self), name: "=fuzz")
        let state = host.state
        for value in results {
            state.push(value)
            let again = state.value(at: -1)
            state.pop()
            if case .table = value { continue }
            if case .number(let number) = value, number.isNaN { continue }
            if case .opaque = value { continue }
            precondition(again == value, "a value does not read back as pushed")
        }
    } catch {
        _ = error.message
    }
    return 0
}
