import Dispatch
import LuaHost
import XCTest

final class BudgetTests: XCTestCase {
    func testInterruptStopsAnInfiniteLoopAndTheStateStaysUsable() throws {
        let host = try LuaHost()
        let handle = host.interruptHandle
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { handle.request(.user) }
        XCTAssertThrowsError(try host.run("while true do end")) { error in
            XCTAssertEqual((error as! LuaError).kind, .interrupted(.user))
            XCTAssertEqual((error as! LuaError).message, "interrupted")
        }
        XCTAssertEqual(try host.run("return 1 + 1"), [2])
    }

    func testInterruptCannotBeSwallowedByPcall() throws {
        let host = try LuaHost()
        let handle = host.interruptHandle
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { handle.request(.user) }
        XCTAssertThrowsError(try host.run("while true do pcall(function() while true do end end) end")) { error in
            XCTAssertEqual((error as! LuaError).kind, .interrupted(.user))
        }
        XCTAssertEqual(try host.run("return 'after'"), ["after"])
    }

    func testInterruptReachesCodeInsideACoroutine() throws {
        let host = try LuaHost()
        let handle = host.interruptHandle
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { handle.request(.user) }
        XCTAssertThrowsError(try host.run("local co = coroutine.wrap(function() while true do end end) co()"))
        XCTAssertEqual(try host.run("return 3"), [3])
    }

    func testDeadlineStopsARun() throws {
        let host = try LuaHost()
        host.setDeadline(secondsFromNow: 0.1)
        XCTAssertThrowsError(try host.run("while true do end")) { error in
            XCTAssertEqual((error as! LuaError).kind, .interrupted(.timeout))
        }
        host.setDeadline(secondsFromNow: nil)
        XCTAssertEqual(try host.run("return 5"), [5])
    }

    func testInstructionBudget() throws {
        let host = try LuaHost()
        host.setInstructionBudget(100_000)
        XCTAssertEqual(try host.run("local s = 0 for i = 1, 1000 do s = s + i end return s"), [500500])
        XCTAssertThrowsError(try host.run("for i = 1, 1e9 do end")) { error in
            XCTAssertEqual((error as! LuaError).kind, .interrupted(.instructionBudget))
        }
    }

    func testSwiftSleepWakesOnInterrupt() throws {
        let host = try LuaHost()
        let handle = host.interruptHandle
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { handle.request(.user) }
        XCTAssertEqual(handle.sleep(seconds: 30), .user)
        host.clearInterrupt()
        XCTAssertNil(handle.sleep(seconds: 0.01))
    }

    func testMemoryBudgetGivesACleanError() throws {
        let host = try LuaHost(memoryLimit: 4 * 1024 * 1024)
        XCTAssertThrowsError(try host.run("local t = {} for i = 1, 1e8 do t[i] = string.rep('x', 100) .. i end")) { error in
            let error = error as! LuaError
            XCTAssertEqual(error.kind, .memory)
            XCTAssertTrue(error.message.contains("not enough memory"), error.message)
        }
        host.collectGarbage()
        XCTAssertLessThan(host.memoryInUse, 1024 * 1024)
        XCTAssertEqual(try host.run("return #string.rep('y', 1000)"), [1000])
    }

    func testMemoryErrorCanBeCaughtByTheScript() throws {
        let host = try LuaHost(memoryLimit: 2 * 1024 * 1024)
        let results = try host.run("""
            local ok, err = pcall(function() local s = 'x' while true do s = s .. s end end)
            return ok, err
            """)
        XCTAssertEqual(results, [false, "not enough memory"])
    }
}
