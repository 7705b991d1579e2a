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
}
