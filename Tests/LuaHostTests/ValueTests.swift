import LuaHost
import XCTest

final class ValueTests: XCTestCase {
    func testScalarsKeepTheirSubtypes() throws {
        let host = try LuaHost()
        XCTAssertEqual(try host.run("return 1, 1.0, 2^53, 'a\\0b', true, nil"),
                       [.integer(1), .number(1.0), .number(9007199254740992), .string("a\u{0}b"), .boolean(true), .nil])
    }

    func testInvalidUTF8IsKeptAsBytes() throws {
        let host = try LuaHost()
        XCTAssertEqual(try host.run("return '\\xff\\x00'"), [.bytes([0xFF, 0x00])])
    }

    func testTablesRoundTrip() throws {
        let host = try LuaHost()
        let table = LuaTable(array: [1, "two", .number(3.5)], fields: [.string("name"): "x", .integer(10): true])
        let results = try host.run("local t = ... return t, #t, t.name, t[10], math.type(t[1])", arguments: [.table(table)])
        XCTAssertEqual(results, [.table(table), 3, "x", true, "integer"])
    }

    func testManyArgumentsGrowTheStack() throws {
        let host = try LuaHost()
        let arguments = (1...5000).map { LuaValue.integer(Int64($0)) }
        XCTAssertEqual(try host.run("return select('#', ...), select(5000, ...)", arguments: arguments), [5000, 5000])
    }

    func testDeeplyNestedTablesPushWithoutOverflowingTheStack() throws {
        let host = try LuaHost()
        var table = LuaTable(["leaf": true])
        for _ in 0..<500 { table = LuaTable(array: [.table(table)]) }
        XCTAssertEqual(try host.run("local t, n = ..., 0 while t[1] do t, n = t[1], n + 1 end return n, t.leaf", arguments: [.table(table)]),
                       [500, true])
    }

    func testCyclesAreCut() throws {
        let host = try LuaHost()
        let results = try host.run("local t = {} t.self = t return t")
        XCTAssertEqual(results, [.table(LuaTable(["self": .opaque(typeName: "table")]))])
    }

    func testReadingNeverRunsMetamethods() throws {
        let host = try LuaHost()
        let results = try host.run("""
            called = false
            local t = setmetatable({a = 1}, {__index = function() called = true end, __pairs = function() called = true end})
            return t
            """)
        XCTAssertEqual(results, [.table(LuaTable(["a": 1]))])
        XCTAssertEqual(try host.run("return called"), [false])
    }

    func testRequireFindsRegisteredModules() throws {
        let host = try LuaHost()
        host.register(module: "m", functions: ["f": { state in state.push("ok"); return 1 }])
        XCTAssertEqual(try host.run("return require('m').f(), m.f()"), ["ok", "ok"])
    }

    func testSyntaxErrorsAreReported() throws {
        let host = try LuaHost()
        XCTAssertThrowsError(try host.run("for i=1,", name: "=chunk")) { error in
            XCTAssertEqual((error as! LuaError).kind, .syntax)
            XCTAssertEqual((error as! LuaError).message, "chunk:1: unexpected symbol near <eof>")
        }
    }

    /// Found by fuzz-lua-value: integer keys of a table with no sequence trapped on `1...0`.
    func testIntegerKeysOfATableWithoutSequence() throws {
        let host = try LuaHost()
        let table = LuaTable(fields: [.integer(-1): "a", .integer(0): "b", .integer(5): "c"])
        XCTAssertEqual(try host.run("return {[-1] = 'a', [0] = 'b', [5] = 'c'}"), [.table(table)])
        host.state.push(table)
        XCTAssertEqual(host.state.value(at: -1), .table(table))
        host.state.pop()
    }

    /// Reading and pushing nested tables inside a Swift function, which Lua guarantees only
    /// 20 free stack slots, grows the stack as it goes.
    func testDeepTablesInsideASwiftFunction() throws {
        let host = try LuaHost()
        var deepest = LuaValue.table(LuaTable())
        for _ in 0..<400 { deepest = .table(LuaTable(array: [deepest], fields: [.string("k"): 1])) }
        let nested = deepest
        host.register(module: "deep", functions: [
            "read": { state in
                var value = state.value(at: 1)
                var levels = 0
                while case .table(let table) = value, let first = table.array.first { value = first; levels += 1 }
                state.push(Int64(levels))
                return 1
            },
            "make": { state in
                state.push(nested)
                return 1
            },
        ])
        let results = try host.run("""
            local t = {} local c = t for i = 1, 40 do c[1] = {} c.k = i c = c[1] end
            local made, levels = deep.make(), 0
            while made[1] do made = made[1] levels = levels + 1 end
            return deep.read(t), levels
            """)
        XCTAssertEqual(results, [32, 400])
    }
}
