import FuzzDriver
import LuaHost

/// Builds a `LuaValue` from the input, pushes it into a fresh state and reads it back:
/// the value must come back equal. The builder makes only values that have one Lua form:
/// sequences without holes, integer field keys outside the sequence and its border, no NaN.
@main
enum Target {
    static func main() { runFuzzer(fuzzLuaValue) }
}

func fuzzLuaValue(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var input = ValueInput(UnsafeBufferPointer(start: data, count: size))
    let value = input.value(depth: 0)
    guard let host = try? LuaHost() else { return 0 }
    host.state.push(value)
    let read = host.state.value(at: -1)
    host.state.pop()
    precondition(read == value, "\(value) read back as \(read)")
    precondition(host.state.top == 0, "the stack is not balanced")
    return 0
}

/// Reads fuzz input as a recipe for a value.
struct ValueInput {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private static let maximumDepth = 20

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }

    private mutating func int64() -> Int64 {
        var value: UInt64 = 0
        for _ in 0..<8 { value = value << 8 | UInt64(byte()) }
        return Int64(bitPattern: value)
    }

    private mutating func rawBytes() -> [UInt8] {
        (0..<Int(byte() % 32)).map { _ in byte() }
    }

    mutating func value(depth: Int) -> LuaValue {
        switch byte() % 8 {
        case 0: return .nil
        case 1: return .boolean(byte() & 1 == 1)
        case 2: return .integer(int64())
        case 3:
            let number = Double(bitPattern: UInt64(bitPattern: int64()))
            return number.isNaN ? .number(0.5) : .number(number)
        case 4: return .string(String(decoding: rawBytes(), as: UTF8.self))
        case 5:
            let raw = rawBytes()
            return String(validating: raw, as: UTF8.self) == nil ? .bytes(raw) : .string(String(decoding: raw, as: UTF8.self))
        case 6 where depth < Self.maximumDepth: return .table(table(depth: depth + 1))
        default: return .integer(Int64(byte()))
        }
    }

    private mutating func table(depth: Int) -> LuaTable {
        var table = LuaTable()
        for _ in 0..<Int(byte() % 8) {
            let element = value(depth: depth)
            if element != .nil { table.array.append(element) }
        }
        for _ in 0..<Int(byte() % 8) {
            let element = value(depth: depth)
            guard element != .nil else { continue }
            if byte() & 1 == 0 {
                table.fields[.string(String(decoding: rawBytes(), as: UTF8.self))] = element
            } else {
                let key = int64()
                if key > 0 && key <= Int64(table.array.count) + 1 { continue }
                table.fields[.integer(key)] = element
            }
        }
        return table
    }
}
