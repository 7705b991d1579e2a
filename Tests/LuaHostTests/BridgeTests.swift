import LuaHost
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// An error object raised from Swift as a table with `__tostring`, the way the `sf` module raises its errors.
private struct TableError: LuaRaisable {
    var code: String
    func push(onto state: LuaState) {
        state.push(LuaTable(["kind": "rest", "code": .string(code), "status": 404]))
        if state.pushMetatable(named: "BridgeTests.TableError") {
            state.push(function: { state in
                state.rawGet(table: 1, field: "code")
                let code = state.string(at: -1) ?? "?"
                state.push("table error \(code)")
                return 1
            })
            state.rawSet(table: -2, field: "__tostring")
        }
        state.setMetatable(of: -2)
    }
}

final class BridgeTests: XCTestCase {
    private func makeHost() throws -> LuaHost {
        let host = try LuaHost()
        host.state.setGlobal("double") { state in
            state.push(try state.checkInteger(1) * 2)
            return 1
        }
        host.state.setGlobal("fail") { state in
            throw TableError(code: try state.checkString(1))
        }
        return host
    }

    func testSwiftFunctionReturnsValues() throws {
        let host = try makeHost()
        XCTAssertEqual(try host.run("return double(21), math.type(double(2))"), [.integer(42), .string("integer")])
    }

    /// `tostring(at:)` from Swift: `print`'s string, and an error in `__tostring` raised again as the
    /// same value, so `pcall` sees what the metamethod threw.
    func testToStringFromSwiftRaisesTheMetamethodsErrorAsItIs() throws {
        let host = try makeHost()
        host.state.setGlobal("show") { state in
            state.push(try state.tostring(at: 1))
            return 1
        }
        let results = try host.run("""
            local thrown = {}
            local ok, err = pcall(show, setmetatable({}, {__tostring = function() error(thrown) end}))
            return show(12), show(setmetatable({}, {__tostring = function() return "named" end})), ok, err == thrown,
                   select(2, pcall(show, setmetatable({}, {__tostring = function() return {} end})))
            """)
        XCTAssertEqual(results, [.string("12"), .string("named"), .boolean(false), .boolean(true), .string("'__tostring' must return a string")])
    }

    func testHundredThousandCallsDoNotGrowMemory() throws {
        let host = try makeHost()
        let loop = "local s = 0 for i = 1, 100000 do s = s + double(i) end return s"
        try host.run(loop)  // warm up: caches, interned strings
        host.collectGarbage()
        let luaBefore = host.memoryInUse
        let rssBefore = residentBytes()
        XCTAssertEqual(try host.run(loop), [.integer(100000 * 100001)])
        XCTAssertEqual(try host.run("local n = 0 for i = 1, 100000 do n = n + #tostring(pcall(fail, 'X')) end return n"), [.integer(500000)])
        host.collectGarbage()
        XCTAssertLessThan(host.memoryInUse - luaBefore, 16 * 1024, "Lua heap grew")
        XCTAssertLessThan(residentBytes() - rssBefore, 4 * 1024 * 1024, "process memory grew")
    }

    func testSwiftErrorKeepsItsFieldsThroughPcall() throws {
        let host = try makeHost()
        let results = try host.run("""
            local ok, err = pcall(fail, 'NOT_FOUND')
            return ok, type(err), err.kind, err.code, err.status, tostring(err)
            """)
        XCTAssertEqual(results, [false, "table", "rest", "NOT_FOUND", 404, "table error NOT_FOUND"])
    }

    func testErrorsInsideNestedPcallsAndCoroutines() throws {
        let host = try makeHost()
        let results = try host.run("""
            local co = coroutine.create(function()
              local ok, err = pcall(function()
                local ok2, err2 = pcall(fail, 'INNER')
                coroutine.yield(err2.code)
                fail('OUTER')
              end)
              return err.code
            end)
            local _, first = coroutine.resume(co)
            local _, second = coroutine.resume(co)
            local wrapped = coroutine.wrap(function() fail('WRAPPED') end)
            local ok, err = pcall(wrapped)
            return first, second, ok, err.code
            """)
        XCTAssertEqual(results, ["INNER", "OUTER", false, "WRAPPED"])
    }

    func testUncaughtSwiftErrorReachesTheHostWithTraceback() throws {
        let host = try makeHost()
        XCTAssertThrowsError(try host.run("local function f() fail('TOP') end f()", name: "=script")) { error in
            let error = error as! LuaError
            XCTAssertEqual(error.kind, .runtime)
            XCTAssertEqual(error.message, "table error TOP")
            XCTAssertEqual(error.value.tableValue?["code"], "TOP")
            XCTAssertTrue(error.traceback?.contains("script:1: in local 'f'") ?? false, error.traceback ?? "no traceback")
        }
    }

    func testArgumentErrorsReadLikeLuas() throws {
        let host = try makeHost()
        host.register(module: "sf", functions: ["job_info": { state in _ = try state.checkString(1); return 0 }])
        let results = try host.run("""
            local _, a = pcall(sf.job_info)
            local _, b = pcall(double, 'x')
            local _, c = pcall(double, 1.5)
            local t = { m = double }
            local _, d = pcall(function() return t:m() end)
            return a, b, c, d
            """, name: "=t")
        XCTAssertEqual(results, [
            "bad argument #1 to 'sf.job_info' (string expected, got no value)",
            "bad argument #1 to 'double' (number expected, got string)",
            "bad argument #1 to 'double' (number has no integer representation)",
            "t:5: calling 'm' on bad self (number expected, got table)",
        ])
        let direct = try host.run("local ok, e = pcall(function() return sf.job_info(nil) end) return e", name: "=t")
        XCTAssertEqual(direct, ["t:1: bad argument #1 to 'job_info' (string expected, got nil)"])
    }

    func testStateSurvivesAThousandErrors() throws {
        let host = try makeHost()
        for i in 0..<1000 {
            XCTAssertThrowsError(try host.run("fail('E\(i)')"))
        }
        XCTAssertEqual(host.state.top, 0)
        XCTAssertEqual(try host.run("return double(4)"), [8])
    }

    private func residentBytes() -> Int {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var size = 0, resident = 0
        withUnsafeMutablePointer(to: &size) { s in
            withUnsafeMutablePointer(to: &resident) { r in
                _ = withVaList([s, r]) { vfscanf(file, "%ld %ld", $0) }
            }
        }
        return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
