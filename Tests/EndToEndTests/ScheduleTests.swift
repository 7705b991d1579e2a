import Foundation
import XCTest

/// Scheduled runs with the real binary: fresh states, failures that do not stop the schedule,
/// timeouts, overruns, the lock, signals and cron expressions.
final class ScheduleTests: XCTestCase {
    func testThreeRunsEverySecondWithAFailedRunInTheMiddle() throws {
        let counter = try SFJobsProcess.temporaryScript("0", name: "count")
        let script = try SFJobsProcess.temporaryScript("""
            local file = io.open(arg[1]) local n = file:read('n') + 1 file:close()
            file = io.open(arg[1], 'w') file:write(n) file:close()
            print('run', n, fresh)
            fresh = 'reused'
            if n == 2 then error('boom') end
            """, name: "count.lua")
        let started = Date()
        let result = try SFJobsProcess.run(["run", "--every", "1s", "--max-runs", "3", "--log-format", "json", script, counter])
        XCTAssertGreaterThan(Date().timeIntervalSince(started), 1.9)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "run\t1\tnil\nrun\t2\tnil\nrun\t3\tnil\n")
        let finishes = try logLines(result.stderr).filter { $0["event"] as? String == "run_finish" }
        XCTAssertEqual(finishes.map { $0["run"] as? Int }, [1, 2, 3])
        XCTAssertEqual(finishes.map { $0["status"] as? String }, ["ok", "error", "ok"])
        XCTAssertEqual(finishes.map { $0["script"] as? String }, [script, script, script])
        XCTAssertTrue(finishes.allSatisfy { $0["duration_ms"] is Int && $0["ts"] is String })
        let error = try XCTUnwrap(finishes[1]["error"] as? [String: Any])
        XCTAssertEqual(error["kind"] as? String, "runtime")
        XCTAssertEqual(error["code"] as? String, "RUNTIME")
        XCTAssertTrue((error["message"] as? String)?.hasSuffix("count.lua:5: boom") ?? false, "\(error)")  // Lua shortens long paths
        XCTAssertNil(finishes[0]["error"])
        XCTAssertEqual(try logLines(result.stderr).filter { $0["event"] as? String == "run_start" }.count, 3)
    }

    func testAFailedLastRunSetsTheExitStatus() throws {
        let result = try SFJobsProcess.run(["run", "--every", "1h", "--max-runs", "1", "--log-format", "json", "-e", "error('last')"])
        XCTAssertEqual(result.status, 1)
        let finish = try XCTUnwrap(try logLines(result.stderr).first { $0["event"] as? String == "run_finish" })
        XCTAssertEqual(finish["level"] as? String, "error")
        XCTAssertEqual((finish["error"] as? [String: Any])?["message"] as? String, "(command line):1: last")
        XCTAssertFalse(result.stderr.contains("\"event\":\"uncaught_error\""), result.stderr)
    }

    func testJitterDelaysAStartByLessThanItsDuration() throws {
        let started = Date()
        let result = try SFJobsProcess.run(["run", "--every", "1h", "--jitter", "400ms", "--max-runs", "1", "-e", "print('ran')"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "ran\n")
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
    }

    func testATimedOutInfiniteLoopIsLoggedAndTheScheduleGoesOn() throws {
        let result = try SFJobsProcess.run(["run", "--every", "500ms", "--max-runs", "2", "--run-timeout", "200ms",
                                            "--log-format", "json", "-e", "pcall(function() while true do end end) while true do end"])
        XCTAssertEqual(result.status, 124)
        let finishes = try logLines(result.stderr).filter { $0["event"] as? String == "run_finish" }
        XCTAssertEqual(finishes.map { $0["status"] as? String }, ["timeout", "timeout"])
        for finish in finishes {
            let error = try XCTUnwrap(finish["error"] as? [String: Any])
            XCTAssertEqual(error["kind"] as? String, "timeout")
            XCTAssertEqual(error["code"] as? String, "TIMEOUT")
            XCTAssertEqual(error["message"] as? String, "run timed out")
            XCTAssertLessThan(finish["duration_ms"] as? Int ?? .max, 2_000)
        }
    }

    func testRunTimeoutInterruptsSleepInAOneShotRun() throws {
        let started = Date()
        let result = try SFJobsProcess.run(["run", "--run-timeout", "300ms", "--log-format", "text", "-e", "sf.sleep(30)"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(result.status, 124)
        XCTAssertTrue(result.stderr.hasPrefix("sfjobs: timeout error TIMEOUT: run timed out"), result.stderr)
    }

    func testAnOverrunDelaysTheNextRunAndIsLoggedAsLate() throws {
        let result = try SFJobsProcess.run(["run", "--every", "300ms", "--max-runs", "2", "--log-format", "json",
                                            "-e", "sf.sleep(1)"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = try logLines(result.stderr)
        XCTAssertEqual(lines.map { $0["event"] as? String }, ["schedule_start", "run_start", "run_finish", "run_late", "run_start", "run_finish", "schedule_stop"])
        let late = lines[3]
        XCTAssertEqual(late["level"] as? String, "warning")
        XCTAssertEqual(late["run"] as? Int, 2)
        XCTAssertEqual(late["missed"] as? Int, 2)
        XCTAssertGreaterThan(late["late_ms"] as? Int ?? 0, 600)
    }

    func testTheLockSkipsASecondRunWithStatus75() throws {
        let lock = try SFJobsProcess.temporaryScript("", name: "sfjobs.lock")
        let first = try RunningProcess(["run", "--every", "1h", "--grace", "0s", "--lock", lock, "--log-format", "json",
                                        "-e", "print('ready') io.flush() sf.sleep(30)"])
        first.waitForLine("ready")
        let oneShot = try SFJobsProcess.run(["run", "--lock", lock, "--log-format", "json", "-e", "print('never')"])
        XCTAssertEqual(oneShot.status, 75)
        XCTAssertEqual(oneShot.stdout, "")
        let skip = try XCTUnwrap(try logLines(oneShot.stderr).first)
        XCTAssertEqual(skip["event"] as? String, "skipped")
        XCTAssertEqual(skip["reason"] as? String, "locked")
        XCTAssertEqual(skip["lock"] as? String, lock)
        let scheduler = try SFJobsProcess.run(["run", "--every", "1s", "--lock", lock, "--log-format", "json", "-e", "print('never')"])
        XCTAssertEqual(scheduler.status, 75)
        XCTAssertEqual(scheduler.stdout, "")

        first.signal(SIGTERM)
        XCTAssertEqual(first.finish().status, 130)
        let after = try SFJobsProcess.run(["run", "--lock", lock, "-e", "print('mine now')"])
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertEqual(after.stdout, "mine now\n")
        XCTAssertEqual(try String(contentsOfFile: lock, encoding: .utf8).filter(\.isNumber).isEmpty, false)
    }

    func testOsExitFailsAScheduledRunAndTheScheduleGoesOn() throws {
        let result = try SFJobsProcess.run(["run", "--every", "200ms", "--max-runs", "2", "--log-format", "json",
                                            "-e", "print('run') os.exit(true)"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stdout, "run\nrun\n")
        let finishes = try logLines(result.stderr).filter { $0["event"] as? String == "run_finish" }
        XCTAssertEqual(finishes.map { $0["status"] as? String }, ["error", "error"])
        XCTAssertTrue(result.stderr.contains("os.exit(true) would end the whole schedule"), result.stderr)
        XCTAssertTrue(result.stderr.contains("\"event\":\"schedule_stop\""), result.stderr)
        let oneShot = try SFJobsProcess.run(["run", "-e", "os.exit(3)"])
        XCTAssertEqual(oneShot.status, 3, oneShot.stderr)
    }

    func testALockFileWithOtherContentIsLockedButNeverRewritten() throws {
        let script = try SFJobsProcess.temporaryScript("print('script ran')\n", name: "victim.lua")
        let result = try SFJobsProcess.run(["run", "--lock", script, script])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "script ran\n")
        XCTAssertEqual(try String(contentsOfFile: script, encoding: .utf8), "print('script ran')\n")
    }

    func testSIGTERMLetsTheCurrentRunFinishWithinTheGracePeriod() throws {
        let running = try RunningProcess(["run", "--every", "1s", "--log-format", "json",
                                          "-e", "print('ready') io.flush() sf.sleep(0.5) print('done')"])
        running.waitForLine("ready")
        running.signal(SIGTERM)
        let result = running.finish()
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "ready\ndone\n")
        let lines = try logLines(result.stderr)
        XCTAssertEqual(lines.map { $0["event"] as? String }, ["schedule_start", "run_start", "schedule_stopping", "run_finish", "schedule_stop"])
        XCTAssertEqual(lines[2]["signal"] as? String, "SIGTERM")
        XCTAssertEqual(lines[3]["status"] as? String, "ok")
    }

    func testSIGTERMInterruptsARunThatOutlastsTheGracePeriod() throws {
        let running = try RunningProcess(["run", "--every", "1s", "--grace", "200ms", "--log-format", "json",
                                          "-e", "print('ready') io.flush() sf.sleep(30)"])
        running.waitForLine("ready")
        running.signal(SIGTERM)
        let result = running.finish()
        XCTAssertEqual(result.status, 130, result.stderr)
        let finish = try XCTUnwrap(try logLines(result.stderr).first { $0["event"] as? String == "run_finish" })
        XCTAssertEqual(finish["status"] as? String, "error")
        XCTAssertEqual((finish["error"] as? [String: Any])?["kind"] as? String, "interrupted")
    }

    func testSIGINTWhileWaitingForACronSlotStopsCleanly() throws {
        let running = try RunningProcess(["run", "--cron", "0 0 1 1 *", "--log-format", "json", "-e", "print('never')"])
        running.waitForLog("\"event\":\"schedule_start\"")
        running.signal(SIGINT)
        let result = running.finish()
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "")
        let events = try logLines(result.stderr).map { $0["event"] as? String }
        XCTAssertEqual(events, ["schedule_start", "schedule_stopping", "schedule_stop"])
    }

    func testInvalidScheduleFlagsAreUsageErrors() throws {
        let cases: [([String], String)] = [
            (["--cron", "61 * * * *"], "'61 * * * *' is not a cron expression: minute field: 61 is out of range 0-59"),
            (["--cron", "* * * *"], "it needs five fields (minute hour day-of-month month day-of-week), found 4"),
            (["--cron", "0 0 30 2 *"], "--cron '0 0 30 2 *' names no time that will come"),
            (["--every", "5x"], "'5x' is not a duration"),
            (["--every", "0s"], "--every must be longer than 0s"),
            (["--every", "1s", "--cron", "* * * * *"], "give --every or --cron, not both"),
            (["--jitter", "1s"], "--jitter needs a schedule (--every or --cron)"),
            (["--every", "1s", "--jitter", "5s"], "--jitter (5s) must be shorter than --every (1s)"),
            (["--cron", "* * * * *", "--jitter", "1m"], "--jitter (1m) must be shorter than a minute with --cron"),
            (["--every", "1s", "--max-runs", "0"], "--max-runs must be at least 1"),
        ]
        for (flags, message) in cases {
            let result = try SFJobsProcess.run(["run"] + flags + ["-e", "print('never')"])
            XCTAssertEqual(result.status, 64, "\(flags)")
            XCTAssertTrue(result.stderr.contains(message), "\(flags): \(result.stderr)")
            XCTAssertEqual(result.stdout, "")
        }
        let stdin = try SFJobsProcess.run(["run", "--every", "1s", "-"])
        XCTAssertEqual(stdin.status, 64)
        XCTAssertTrue(stdin.stderr.contains("a scheduled run cannot read its script from standard input"), stdin.stderr)
    }

    // MARK: - Helpers

    /// Each line of stderr as a JSON object.
    private func logLines(_ stderr: String) throws -> [[String: Any]] {
        try stderr.split(separator: "\n").map { line in
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
        }
    }
}
