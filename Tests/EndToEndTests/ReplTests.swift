import Foundation
import XCTest

/// The REPL driven through a pseudo-terminal: prompts, continuation, completion, Ctrl-C, history, pretty printing.
final class ReplTests: XCTestCase {
    private var stateHome: String!

    override func setUpWithError() throws {
        stateHome = FileManager.default.temporaryDirectory.appendingPathComponent("sfjobs-repl-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: stateHome)
    }

    private func startRepl(_ environment: [String: String] = [:]) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(arguments: ["repl"], environment: ["XDG_STATE_HOME": stateHome].merging(environment) { $1 })
        terminal.expect("sfjobs (no org)> ")
        return terminal
    }

    func testExpressionsStatementsAndContinuation() throws {
        let repl = try startRepl()
        var mark = repl.mark
        repl.send("1 + 1, 'two'\n")
        repl.expect("2\ttwo\nsfjobs (no org)> ", after: mark)
        mark = repl.mark
        repl.send("=math.type(3)\n")
        repl.expect("integer\n", after: mark)
        mark = repl.mark
        repl.send("function f(x)\n")
        repl.expect(">> ", after: mark)
        repl.send("return x * 2\n")
        repl.send("end\n")
        mark = repl.mark
        repl.send("f(21)\n")
        repl.expect("42\n", after: mark)
        mark = repl.mark
        repl.send("error('bad')\n")
        repl.expect("sfjobs: stdin:1: bad\nstack traceback:", after: mark)
        repl.expect("sfjobs (no org)> ", after: mark)
        Thread.sleep(forTimeInterval: 0.2)  // as a person would: the editor is reading again
        repl.send("\u{04}")
        XCTAssertEqual(repl.waitForExit(), 0)
    }

    func testCtrlDInAContinuationReportsTheIncompleteChunkAndKeepsTheSession() throws {
        let repl = try startRepl()
        var mark = repl.mark
        repl.send("x = [[abc\n")
        repl.expect(">> ", after: mark)
        Thread.sleep(forTimeInterval: 0.2)  // the editor is reading the continuation
        mark = repl.mark
        repl.send("\u{04}")
        repl.expect("\nsfjobs: stdin:1: unfinished long string (starting at line 1) near <eof>\n", after: mark)
        repl.expect("sfjobs (no org)> ", after: mark)
        mark = repl.mark
        repl.send("x, 1 + 2\n")
        repl.expect("nil\t3\n", after: mark)
        Thread.sleep(forTimeInterval: 0.2)
        repl.send("\u{04}")  // at the first prompt, Ctrl-D still leaves
        XCTAssertEqual(repl.waitForExit(), 0)
    }

    func testCtrlCDiscardsWhatIsTypedAndKeepsTheSession() throws {
        let repl = try startRepl()
        var mark = repl.mark
        repl.send("print('RAN')")
        repl.expect("print('RAN')", after: mark)
        mark = repl.mark
        repl.send("\u{03}")
        repl.expect("^C\nsfjobs (no org)> ", after: mark)
        repl.send("\n")
        mark = repl.mark
        repl.send("1 + 1\n")
        repl.expect("2\n", after: mark)
        XCTAssertFalse(repl.transcript.contains("RAN\n"), repl.transcript)

        mark = repl.mark
        repl.send("function h()\n")
        repl.expect(">> ", after: mark)
        Thread.sleep(forTimeInterval: 0.2)
        mark = repl.mark
        repl.send("\u{03}")  // abandons the unfinished chunk
        repl.expect("^C\nsfjobs (no org)> ", after: mark)
        mark = repl.mark
        repl.send("=h\n")
        repl.expect("nil\n", after: mark)

        Thread.sleep(forTimeInterval: 0.2)
        mark = repl.mark
        repl.send("\u{03}")  // at an empty prompt
        repl.expect("^C\nsfjobs (no org)> ", after: mark)
        Thread.sleep(forTimeInterval: 0.2)
        repl.send("\u{04}")
        XCTAssertEqual(repl.waitForExit(), 0)
    }

    func testResultsReachAPipeAsTheyAreShown() throws {
        let repl = try PseudoTerminal(arguments: ["repl"], environment: ["XDG_STATE_HOME": stateHome], outputToPipe: true)
        repl.expect("sfjobs (no org)> ", timeout: 5)
        var mark = repl.mark
        repl.send("1 + 1\n")
        repl.expect("2\n", after: mark, timeout: 5)
        mark = repl.mark
        repl.send("print('hi')\n")
        repl.expect("hi\n", after: mark, timeout: 5)
        Thread.sleep(forTimeInterval: 0.2)
        repl.send("\u{04}")
        XCTAssertEqual(repl.waitForExit(), 0)
    }

    func testTextBeyondASCIIReachesLuaWhateverTheLocale() throws {
        for locale in ["C", "C.UTF-8"] {
            let repl = try startRepl(["LC_ALL": locale])
            let mark = repl.mark
            repl.send("s = \"café — ✓\"\n")
            repl.send("#s, s:byte(4)\n")
            repl.expect("13\t195\n", after: mark)
            Thread.sleep(forTimeInterval: 0.2)
            repl.send("\u{04}")
            XCTAssertEqual(repl.waitForExit(), 0)
        }
    }

    func testTabCompletesGlobalsAndModuleMembers() throws {
        let repl = try startRepl()
        var mark = repl.mark
        repl.send("sf.clo\t")
        repl.expect("sf.close_job", after: mark)
        mark = repl.mark
        repl.send("\t")
        repl.expect("sf.close_job(  sf.close_jobs(", after: mark)
        repl.send("\u{15}")  // kill the line
        mark = repl.mark
        repl.send("sf.dr\t")  // a read-only field, held in the module's __index table
        repl.expect("sf.dry_run", after: mark)
        repl.send("\u{15}")
        mark = repl.mark
        repl.send("tricky = setmetatable({}, {__index = function() os.exit(3) end})\n")
        repl.expect("sfjobs (no org)> ", after: mark)
        mark = repl.mark
        repl.send("tricky.x\t\u{15}stri\t\n")
        repl.expect("string.", after: mark)
        mark = repl.mark
        repl.send("\u{15}1\n")
        repl.expect("1\n", after: mark)  // still alive: completion ran no metamethod
    }

    func testCtrlCStopsRunningCodeAndKeepsTheSession() throws {
        let repl = try startRepl()
        var mark = repl.mark
        repl.send("x = 7; while true do end\n")
        Thread.sleep(forTimeInterval: 0.5)
        repl.send("\u{03}")
        repl.expect("sfjobs: interrupted", after: mark)
        repl.expect("sfjobs (no org)> ", after: mark)
        mark = repl.mark
        repl.send("x\n")
        repl.expect("7\n", after: mark)
        mark = repl.mark
        repl.send("sf.sleep(60)\n")
        Thread.sleep(forTimeInterval: 0.3)
        repl.send("\u{03}")
        repl.expect("interrupted", after: mark)
        repl.expect("sfjobs (no org)> ", after: mark)
        Thread.sleep(forTimeInterval: 0.2)  // the editor is reading again
        repl.send("\u{04}")
        XCTAssertEqual(repl.waitForExit(), 0)
    }

    func testTheReplLoadsLibedit() throws {
        let repl = try startRepl()
        let mark = repl.mark
        repl.send("=io.open('/proc/self/maps'):read('a'):find('libedit', 1, true) ~= nil\n")
        repl.expect("true\n", after: mark)
    }

    func testCtrlDTypedWhileCodeRunsEndsTheSessionAfterIt() throws {
        let repl = try startRepl()
        let mark = repl.mark
        repl.send("sf.sleep(0.5); print('slept')\n")
        Thread.sleep(forTimeInterval: 0.2)
        repl.send("\u{04}")  // the terminal is in cooked mode until the next prompt
        repl.expect("slept\n", after: mark)
        XCTAssertEqual(repl.waitForExit(timeout: 5), 0)
    }

    func testHistoryPersistsAcrossSessionsWithPrivateMode() throws {
        let first = try startRepl()
        let firstMark = first.mark
        first.send("remembered = 42\n")
        first.expect("sfjobs (no org)> ", after: firstMark)
        first.send("\u{04}")
        XCTAssertEqual(first.waitForExit(), 0)

        let path = stateHome + "/sfjobs/history"
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).contains("remembered"))

        let second = try startRepl()
        let mark = second.mark
        second.send("\u{1B}[A")  // up arrow recalls the last line
        second.expect("remembered = 42", after: mark)
        second.send("\n")
        second.send("remembered + 1\n")
        second.expect("43\n", after: mark)
    }

    func testHistoryMasksEverySecretLiteralAndKeepsTheCode() throws {
        let repl = try startRepl()
        let lines = [
            #"access_token = os.getenv("X") or "plainsecretvalue""#,
            #"c = {["access_token"]="bracketsecret"}"#,
            #"password = "p@ss" .. "wordsecret""#,
            #"h = "Bearer eyJhbGciOiJSUzI1NiJ9.tokensecret""#,
            #"label = "kept""#,
        ]
        for line in lines {
            let mark = repl.mark
            repl.send(line + "\n")
            repl.expect("sfjobs (no org)> ", after: mark)
        }
        Thread.sleep(forTimeInterval: 0.2)
        repl.send("\u{04}")
        XCTAssertEqual(repl.waitForExit(), 0)
        let history = try String(contentsOfFile: stateHome + "/sfjobs/history", encoding: .utf8)
            .replacingOccurrences(of: "\\040", with: " ")
        for secret in ["plainsecretvalue", "bracketsecret", "p@ss", "wordsecret", "tokensecret"] {
            XCTAssertFalse(history.contains(secret), history)
        }
        XCTAssertTrue(history.contains(#"access_token = os.getenv("[REDACTED]") or "[REDACTED]""#), history)
        XCTAssertTrue(history.contains(#"c = {["access_token"]="[REDACTED]"}"#), history)
        XCTAssertTrue(history.contains(#"password = "[REDACTED]" .. "[REDACTED]""#), history)
        XCTAssertTrue(history.contains(#"h = "Bearer [REDACTED]""#), history)
        XCTAssertTrue(history.contains(#"label = "kept""#), history)
    }

    func testConcurrentSessionsKeepEachOthersHistory() throws {
        let first = try startRepl()
        let second = try startRepl()
        for (repl, line) in [(first, "a_line1 = 1"), (second, "b_line1 = 1"), (first, "a_line2 = 1"), (second, "b_line2 = 1")] {
            let mark = repl.mark
            repl.send(line + "\n")
            repl.expect("sfjobs (no org)> ", after: mark)
        }
        for repl in [first, second] {
            Thread.sleep(forTimeInterval: 0.2)
            repl.send("\u{04}")
            XCTAssertEqual(repl.waitForExit(), 0)
        }
        let path = stateHome + "/sfjobs/history"
        let history = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\\040", with: " ")
        XCTAssertEqual(history, "_HiStOrY_V2_\na_line1 = 1\nb_line1 = 1\na_line2 = 1\nb_line2 = 1\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }

    func testHistoryFileIsCutBackToItsNewestEntries() throws {
        try FileManager.default.createDirectory(atPath: stateHome + "/sfjobs", withIntermediateDirectories: true)
        let path = stateHome + "/sfjobs/history"
        let old = (1...2001).map { "old\($0)" }
        try ("_HiStOrY_V2_\n" + old.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let repl = try startRepl()
        let mark = repl.mark
        repl.send("newest = 1\n")
        repl.expect("sfjobs (no org)> ", after: mark)
        Thread.sleep(forTimeInterval: 0.2)
        repl.send("\u{04}")
        XCTAssertEqual(repl.waitForExit(), 0)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 1001)  // the header and 1000 entries
        XCTAssertEqual(lines[1], "old1003")
        XCTAssertEqual(lines.last, #"newest\040=\0401"#)
    }

    func testPrettyPrintsTablesAndJobLists() throws {
        let repl = try startRepl()
        var mark = repl.mark
        repl.send("{1, 'two', name = 'x', nested = {ok = true, n = 1.5}}\n")
        repl.expect("""
            { 1, "two", name = "x", nested = { n = 1.5, ok = true } }
            """, after: mark)
        mark = repl.mark
        repl.send("t = {}; t.self = t; return t\n")
        repl.expect("{ self = <table> }", after: mark)
        mark = repl.mark
        repl.send("{ {id='7508d000000GmaBAAS', jobType='V2Ingest', object='Account', operation='insert', state='Open', createdDate='2026-11-20T10:00:00.000+0000', numberRecordsProcessed=10, numberRecordsFailed=0}, {id='7508d000000GmaAAAS', jobType='Classic', object='Lead', operation='query', state='Closed'} }\n")
        repl.expect("""
            id                  jobType   object   operation  state   createdDate                   processed  failed
            7508d000000GmaBAAS  V2Ingest  Account  insert     Open    2026-11-20T10:00:00.000+0000  10         0
            7508d000000GmaAAAS  Classic   Lead     query      Closed  -                             -          -
            (2 jobs)
            """, after: mark)
    }

    func testPrettyPrintsEveryKeyStringBytesAndToString() throws {
        let repl = try startRepl()
        var mark = repl.mark
        repl.send("{[1.5]=1, [true]=2, ['a b']=3, [-1]=5, [0]=6, x=7, 'one'}\n")
        repl.expect("""
            { "one", [-1] = 5, [0] = 6, [1.5] = 1, [true] = 2, ["a b"] = 3, x = 7 }\n
            """, after: mark)
        mark = repl.mark
        repl.send("{[{}]=4}\n")
        repl.expect("{ [table: 0x", after: mark)
        repl.expect("] = 4 }\n", after: mark)
        mark = repl.mark
        repl.send("v = setmetatable({}, {__tostring = function() return 'shown' end}); return v, {v}\n")
        repl.expect("shown\t{ shown }\n", after: mark)
        mark = repl.mark
        repl.send("setmetatable({}, {__tostring = function() error('boom') end})\n")
        repl.expect("<__tostring failed: stdin:1: boom>\n", after: mark)
        mark = repl.mark
        repl.send("'\\xff' .. 'ok', {s = 'caf\\xc3\\xa9\\xfe', '\\1' .. '2'}\n")
        repl.expect(#""\xffok"\#t{ "\0012", s = "café\xfe" }\#n"#, after: mark)
        mark = repl.mark
        repl.send("error()\n")
        repl.expect("sfjobs: (error object is a nil value)\n", after: mark)
    }

    func testPrettyPrintsAJobFromTheOrg() throws {
        let org = try SimulatorFixture(clockSpeed: 0)
        let id = try org.createJob(["jobType": "Classic", "state": "Open", "object": "Account", "operation": "insert", "batches": 2])
        let repl = try PseudoTerminal(arguments: ["repl"], environment: ["XDG_STATE_HOME": stateHome].merging(org.environment) { $1 })
        let host = String(org.instanceURL.dropFirst("http://".count))
        repl.expect("sfjobs \(host)> ")
        let mark = repl.mark
        repl.send("sf.job_info('\(id)')\n")
        repl.expect("""
            id                       \(try SFJobsProcess.run(["run", "-e", "io.write(sf.id18('\(id)'))"]).stdout)
            jobType                  Classic
            object                   Account
            operation                insert
            state                    Open
            """, after: mark)
        repl.expect("numberBatchesTotal       2\n", after: mark)
    }
}

/// Progress lines for long batch calls: on a terminal only.
final class ProgressTests: XCTestCase {
    func testCloseJobsShowsProgressOnATerminalOnly() throws {
        let org = try SimulatorFixture(clockSpeed: 0)
        let ids = try (0..<150).map { _ in try org.createJob(["jobType": "V2Ingest", "state": "Open"]) }
        let script = try SFJobsProcess.temporaryScript("""
            local results = sf.close_jobs({...})
            print("closed " .. #results)
            """)
        let terminal = try PseudoTerminal(arguments: ["run", "--log-format", "json", script] + ids, environment: org.environment)
        terminal.expect("closing jobs: 150/150 (")
        terminal.expect("closed 150")
        XCTAssertEqual(terminal.waitForExit(), 0)

        let piped = try SFJobsProcess.run(["run", "--log-format", "json", script] + ids, environment: org.environment)
        XCTAssertEqual(piped.stdout, "closed 150\n")
        XCTAssertFalse(piped.stderr.contains("closing jobs"), piped.stderr)
    }
}
