import Foundation
import XCTest

/// `sfjobs run` as `lua` users expect it: chunks, files, stdin, `arg` and `...`, errors and exit statuses.
final class RunCommandTests: XCTestCase {
    func testChunkPrints() throws {
        let result = try SFJobsProcess.run(["run", "-e", "print(1+1)"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdout, "2\n")
    }

    func testChunksRunInOrderBeforeTheScript() throws {
        let script = try SFJobsProcess.temporaryScript("print(x, ...)\nprint(arg[0] ~= nil, arg[1], arg[2], #arg)\n")
        let result = try SFJobsProcess.run(["run", "-e", "x = 1", "-e", "x = x + 1", script, "a", "-e", "--dry-run"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "2\ta\t-e\t--dry-run\ntrue\ta\t-e\t3\n")
    }

    /// `-e'chunk'`, as `lua` takes it: on the direct path and after an option (ArgumentParser's path).
    func testChunksJoinedToTheFlag() throws {
        let direct = try SFJobsProcess.run(["run", "-ex = 20", "-e", "print(x + 1)", "-eprint(-x)"])
        XCTAssertEqual(direct.status, 0, direct.stderr)
        XCTAssertEqual(direct.stdout, "21\n-20\n")
        let script = try SFJobsProcess.temporaryScript("print(x, sf.dry_run, ...)\n")
        let parsed = try SFJobsProcess.run(["run", "--dry-run", "-ex = 'a=b'", script, "-ey=1"])
        XCTAssertEqual(parsed.status, 0, parsed.stderr)
        XCTAssertEqual(parsed.stdout, "a=b\ttrue\t-ey=1\n")
        let mistake = try SFJobsProcess.run(["run", "--bogus", "-ex=1"])
        XCTAssertEqual(mistake.status, 64)
        XCTAssertTrue(mistake.stderr.contains("'--bogus'"), mistake.stderr)
    }

    func testArgHoldsTheInterpreterAtNegativeIndices() throws {
        let script = try SFJobsProcess.temporaryScript("print(arg[-1], arg[0] == ..., select('#', ...))", name: "neg.lua")
        let result = try SFJobsProcess.run(["run", "--dry-run", script])
        XCTAssertEqual(result.stdout, "--dry-run\tfalse\t0\n")
    }

    func testLibcurlIsLoadedOnlyWhenACallNeedsItAndLibeditNever() throws {
        let org = try SimulatorFixture(jobs: 1, clockSpeed: 0)
        let result = try org.run("""
            local function mapped(name)
              for line in io.lines("/proc/self/maps") do
                if line:find(name, 1, true) then return true end
              end
              return false
            end
            print(mapped("libcurl"), mapped("libedit"))
            print(sf.is_job_id("750000000000001AAA"), mapped("libcurl"))
            sf.list_jobs({page_size = 1})
            print(mapped("libcurl"), mapped("libedit"))
            """)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "false\tfalse\ntrue\tfalse\ntrue\tfalse\n")
    }

    func testScriptFromStandardInput() throws {
        let result = try SFJobsProcess.run(["run", "-", "z"], input: "print('stdin', ...)")
        XCTAssertEqual(result.stdout, "stdin\tz\n")
        let bare = try SFJobsProcess.run([], input: "print('bare')")
        XCTAssertEqual(bare.status, 0)
        XCTAssertEqual(bare.stdout, "bare\n")
    }

    func testUncaughtErrorPrintsMessageAndTracebackAndExitsOne() throws {
        let script = try SFJobsProcess.temporaryScript("local function inner() error('boom') end\ninner()\n", name: "fails.lua")
        let result = try SFJobsProcess.run(["run", "--log-format", "text", script])
        XCTAssertEqual(result.status, 1)
        let lines = result.stderr.split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("sfjobs: ") && lines[0].hasSuffix("fails.lua:1: boom"), result.stderr)
        XCTAssertEqual(lines[1], "stack traceback:")
        XCTAssertTrue(result.stderr.contains("in local 'inner'"), result.stderr)
    }

    func testUncaughtErrorAsOneJSONLine() throws {
        let result = try SFJobsProcess.run(["run", "--log-format", "json", "-e", "error('bad')"])
        XCTAssertEqual(result.status, 1)
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1)
        let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
        XCTAssertEqual(object["level"] as? String, "error")
        let error = object["error"] as! [String: Any]
        XCTAssertEqual(error["message"] as? String, "(command line):1: bad")
        XCTAssertTrue((error["traceback"] as? String)?.hasPrefix("stack traceback:") ?? false)
    }

    func testSyntaxErrorExitsOne() throws {
        let result = try SFJobsProcess.run(["run", "--log-format", "text", "-e", "for i=1,"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "sfjobs: (command line):1: unexpected symbol near <eof>\n")
    }

    func testMissingFileExitsOne() throws {
        let result = try SFJobsProcess.run(["run", "--log-format", "text", "/nonexistent/x.lua"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "sfjobs: cannot open /nonexistent/x.lua: No such file or directory\n")
    }

    func testUsageErrorsExitSixtyFour() throws {
        XCTAssertEqual(try SFJobsProcess.run(["run"]).status, 64)
        XCTAssertEqual(try SFJobsProcess.run(["run", "--no-such-flag", "x.lua"]).status, 64)
        XCTAssertEqual(try SFJobsProcess.run(["no-such-command"]).status, 64)
        XCTAssertEqual(try SFJobsProcess.run(["run", "--api-version", "abc", "-e", "x = 1"]).status, 64)
        XCTAssertEqual(try SFJobsProcess.run(["run", "--api-version", "61", "-e", "x = 1"]).status, 0)
    }

    func testDoubleDashEndsTheOptionsAndVersionIsAnOption() throws {
        let script = try SFJobsProcess.temporaryScript("print('ran', ...)", name: "-dash.lua")
        let directory = (script as NSString).deletingLastPathComponent
        let dashed = try SFJobsProcess.run(["run", "--", "-dash.lua", "x"], directory: directory)
        XCTAssertEqual(dashed.status, 0, dashed.stderr)
        XCTAssertEqual(dashed.stdout, "ran\tx\n")
        let version = try SFJobsProcess.run(["run", "--version"])
        XCTAssertEqual(version.status, 0, version.stderr)
        XCTAssertEqual(version.stdout, try SFJobsProcess.run(["--version"]).stdout)
        XCTAssertEqual(try SFJobsProcess.run(["run", "--"]).status, 64)
    }

    func testSIGINTStopsAnInfiniteLoopWithStatus130() throws {
        let process = Process()
        process.executableURL = SFJobsProcess.binary
        process.arguments = ["run", "--log-format", "text", "-e", "io.write('ready\\n') io.flush() while true do end"]
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        _ = stdout.fileHandleForReading.availableData  // "ready": the loop is running
        let pid = process.processIdentifier
        kill(pid, SIGINT)
        DispatchQueue.global().asyncAfter(deadline: .now() + 15) { kill(pid, SIGKILL) }  // never hang the suite
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 130)
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(message.hasPrefix("sfjobs: interrupted"), message)
    }
}
