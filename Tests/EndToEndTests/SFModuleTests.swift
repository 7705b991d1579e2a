import Foundation
import XCTest

/// The `sf` module through the real binary, against the simulated org over HTTP.
final class SFModuleTests: XCTestCase {
    private var org: SimulatorFixture!

    override func setUpWithError() throws {
        org = try SimulatorFixture(clockSpeed: 0, pageSize: 5)
    }

    override func tearDown() {
        org = nil
    }

    private func assertScript(_ script: String, arguments: [String] = [], options: [String] = [], prints expected: String,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try org.run(script, arguments: arguments, options: options)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stdout, expected, file: file, line: line)
    }

    func testJobTablesCarrySalesforceFieldsWithLuaTypes() throws {
        let ingest = try org.createJob(["jobType": "V2Ingest", "state": "Open", "object": "Account"])
        let query = try org.createJob(["jobType": "V2Query", "state": "JobComplete", "object": "Contact"])
        let classic = try org.createJob(["jobType": "Classic", "state": "Open", "object": "Lead", "operation": "insert"])
        try assertScript("""
            for _, id in ipairs{...} do
              local job = sf.job_info(id)
              print(job.jobType, job.id == sf.id18(id), job.object, job.state, type(job.apiVersion), job.apiVersion,
                    math.type(job.numberRecordsProcessed), math.type(job.retries or job.numberRetries))
            end
            local classic = sf.job_info(select(3, ...), "CLASSIC")
            print(math.type(classic.numberBatchesTotal), math.type(classic.totalProcessingTime), classic.concurrencyMode)
            """, arguments: [ingest, query, classic], prints: """
            V2Ingest\ttrue\tAccount\tOpen\tstring\t66.0\tinteger\tinteger
            V2Query\ttrue\tContact\tJobComplete\tstring\t66.0\tinteger\tinteger
            Classic\ttrue\tLead\tOpen\tstring\t66.0\tinteger\tinteger
            integer\tinteger\tParallel

            """)
    }

    func testCloseSemanticsForEveryJobType() throws {
        let ingest = try org.createJob(["jobType": "V2Ingest", "state": "Open"])
        let classic = try org.createJob(["jobType": "Classic", "state": "Open"])
        let query = try org.createJob(["jobType": "V2Query", "state": "InProgress"])
        let ingest2 = try org.createJob(["jobType": "V2Ingest", "state": "Open"])
        try assertScript("""
            local ingest, classic, query, ingest2 = ...
            print(sf.close_job(ingest).state, sf.close_job(classic, "closed").state)
            local ok, err = pcall(sf.close_job, query, {type = "query"})
            print(ok, err.kind, err.code, err.message:find("Aborted") ~= nil)
            print(sf.abort_job(query).state, sf.close_job(ingest2, {state = "ABORTED"}).state)
            ok, err = pcall(sf.close_job, classic)
            print(ok, err.kind, err.code, err.status, err.job_id == sf.id18(classic), err.retryable)
            print(tostring(err))
            """, arguments: [ingest, classic, query, ingest2], prints: """
            UploadComplete\tClosed
            false\targument\tINVALID_STATE\ttrue
            Aborted\tAborted
            false\trest\tInvalidJobState\t400\ttrue\tfalse
            rest error InvalidJobState (HTTP 400): Closing already closed Job not allowed [job \(try id18(classic))]

            """)
    }

    func testBadIdsAreRejectedBeforeAnyRequest() throws {
        try org.clearRequests()
        try assertScript("""
            for _, id in ipairs{"abc", "001000000000000AAA", "7508d000000Gma9AAD"} do
              local ok, err = pcall(sf.job_info, id)
              print(err.kind, err.code, err.status)
            end
            local ok, err = pcall(sf.job_info)
            print(err.kind, err.code, err.message)
            print(sf.is_job_id("7508d000000Gma9"), sf.is_job_id("7508d000000Gma9AAC"), sf.is_job_id(42))
            """, prints: """
            argument\tINVALID_ID\tnil
            argument\tINVALID_ID\tnil
            argument\tINVALID_ID\tnil
            argument\tBAD_ARGUMENT\tbad argument #1 to 'sf.job_info' (string expected, got no value)
            true\ttrue\tfalse

            """)
        XCTAssertEqual(try org.requests().count, 0)
    }

    func testUnknownJobIsNotFoundAfterTryingEveryAPI() throws {
        try assertScript("""
            local ok, err = pcall(sf.job_info, "7508d00000ZZZZZ")
            print(err.kind, err.code, err.status)
            """, prints: "rest\tNOT_FOUND\t404\n")
    }

    func testErrorsFromCoroutinesAndIterators() throws {
        let id = try org.createJob(["jobType": "V2Ingest", "state": "Open"])
        try org.addFault(["fault": "limitExceeded", "count": 1, "method": "GET", "path": "/services/data/v66.0/jobs/query"])
        try assertScript("""
            local co = coroutine.wrap(function(id) coroutine.yield(sf.job_info(id).state) return sf.job_info("750000000000000", "ingest") end)
            print(co(...))
            local ok, err = pcall(co)
            print(ok, err.code)
            ok, err = pcall(function() for job in sf.jobs{type = "query"} do end end)
            print(ok, err.kind, err.code, err.status)
            ok, err = xpcall(sf.close_job, function(e) return "handled " .. e.code end, "bad")
            print(ok, err)
            """, arguments: [id], prints: """
            Open
            false\tNOT_FOUND
            false\trest\tREQUEST_LIMIT_EXCEEDED\t403
            false\thandled INVALID_ID

            """)
    }

    /// A state filter naming no job state (`"Completed"` for JobComplete) would match nothing, and a clean-up
    /// would do nothing without a word: it is an argument error before any request; any case is accepted.
    func testStateFiltersNameRealJobStates() throws {
        _ = try org.createJob(["jobType": "V2Ingest", "state": "JobComplete"])
        try org.clearRequests()
        try assertScript("""
            for _, state in ipairs{"Completed", {"Open", "Complete"}} do
              local ok, err = pcall(sf.list_jobs, {state = state})
              print(ok, err.kind, err.code, err.message)
            end
            """, prints: """
            false\targument\tINVALID_STATE\tstate "Completed" is no job state; Salesforce's are Open, UploadComplete, InProgress, JobComplete, Failed, Aborted, Closed
            false\targument\tINVALID_STATE\tstate "Complete" is no job state; Salesforce's are Open, UploadComplete, InProgress, JobComplete, Failed, Aborted, Closed

            """)
        XCTAssertEqual(try org.requests().count, 0)
        try assertScript("print(#sf.list_jobs{state = 'jobcomplete'}, #sf.list_jobs{state = {'Open', 'JOBCOMPLETE'}})", prints: "1\t1\n")
    }

    func testFiltersAndOptionsThatCouldWidenACleanUpAreRefused() throws {
        _ = try org.createJob(["jobType": "V2Ingest", "state": "Open"])
        try org.clearRequests()
        try assertScript("""
            local defaults = setmetatable({}, {__index = {state = "Open"}})
            for _, call in ipairs{
              function() return sf.list_jobs{state = {}} end,
              function() return sf.list_jobs{pk_chunking = false} end,
              function() return sf.list_jobs(defaults) end,
              function() return sf.close_jobs(setmetatable({}, {__len = function() return 1 end})) end,
              function() return sf.close_job("750000000000001", setmetatable({}, {__index = {state = "Aborted"}})) end,
              function() return sf.connect(setmetatable({}, {})) end,
              function() return sf.list_jobs{[true] = "x"} end,
              function() return sf.json.encode{[1.5] = 1} end,
              function() return sf.json.encode{1, ["1"] = 2} end,
            } do
              local ok, err = pcall(call)
              print(ok, err.kind, err.code)
            end
            """, prints: String(repeating: "false\targument\tBAD_ARGUMENT\n", count: 9))
        XCTAssertEqual(try org.requests().count, 0)
    }

    func testArgumentErrorsNameNestedFunctions() throws {
        try assertScript("""
            print(select(2, pcall(sf.json.decode, {})).message)
            print(select(2, pcall(sf.log.warn, "x", 5)).message)
            """, prints: """
            bad argument #1 to 'sf.json.decode' (string expected, got table)
            bad argument #2 to 'sf.log.warn' (table expected, got number)

            """)
    }

    /// A log message is made as `print` makes it: `__tostring` used, and its error raised as it is
    /// (an `sf` error object stays one), never logged as a stand-in text.
    func testLogMessagesUseToStringAndRaiseItsErrors() throws {
        let result = try org.run("""
            local bad = setmetatable({}, {__tostring = function() error("no name", 0) end})
            print(pcall(sf.log.info, bad))
            local err = select(2, pcall(sf.job_info, "x"))
            local ok, raised = pcall(sf.log.warn, setmetatable({}, {__tostring = function() error(err) end}))
            print(ok, raised == err, raised.code)
            sf.log.info(setmetatable({}, {__tostring = function() return "shown" end}))
            """)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "false\tno name\nfalse\ttrue\tINVALID_ID\n")
        XCTAssertTrue(result.stderr.contains("\"message\":\"shown\""), result.stderr)
        XCTAssertFalse(result.stderr.contains("error object"), result.stderr)
    }

    /// `sf.connect` checks the URLs it is given at once, as every request would, not at the first call.
    func testConnectRefusesABadURLAtOnce() throws {
        try org.clearRequests()
        try assertScript("""
            for _, opts in ipairs{
              {instance_url = "http://example.com", access_token = "x"},
              {instance_url = "ftp://example.com", access_token = "x"},
              {instance_url = "example.com", access_token = "x"},
              {login_url = "http://login.example.com", username = "u", password = "p"},
            } do
              local ok, err = pcall(sf.connect, opts)
              print(ok, err.kind, err.code)
            end
            print(getmetatable(sf.connect{instance_url = "http://127.0.0.1:1", access_token = "x"}))
            """, prints: """
            false\tconnection\tINSECURE_URL
            false\tconnection\tUNSUPPORTED_PROTOCOL
            false\tconnection\tNOT_CONFIGURED
            false\tconnection\tINSECURE_URL
            sf.connection

            """)
        XCTAssertEqual(try org.requests().count, 0)
    }

    func testJobsStreamsPagesLazily() throws {
        for _ in 0..<12 { _ = try org.createJob(["jobType": "V2Ingest", "state": "Open"]) }
        try org.clearRequests()
        try assertScript("""
            local n = 0
            for job in sf.jobs{type = "ingest"} do n = n + 1 if n == 2 then break end end
            print(n)
            """, prints: "2\n")
        XCTAssertEqual(try org.requests().filter { $0.path.contains("/jobs/ingest") }.count, 1)
        try assertScript("""
            print(#sf.list_jobs{type = "ingest"}, #sf.list_jobs{state = {"Open", "Closed"}}, #sf.list_jobs{state = "Aborted"})
            """, prints: "12\t12\t0\n")
    }

    func testCloseJobsRunsConcurrentlyAndNeverRaisesForOneJob() throws {
        let ids = try (0..<20).map { _ in try org.createJob(["jobType": "V2Ingest", "state": "Open"]) }
        let closed = try org.createJob(["jobType": "Classic", "state": "Closed"])
        try assertScript("""
            local ids = {...}
            table.insert(ids, 3, "nonsense")
            local results = sf.close_jobs(ids, {concurrency = 8})
            local ok, failed = 0, {}
            for i, r in ipairs(results) do
              assert(r.id == ids[i], "order")
              if r.ok then ok = ok + 1 assert(r.job.state == "UploadComplete" or r.job.state == "Closed") else failed[#failed + 1] = r.error.code end
            end
            print(#results, ok, table.concat(failed, ","))
            local infos = sf.job_infos(ids)
            print(#infos, infos[1].job.state, infos[3].ok, infos[3].error.kind)
            """, arguments: ids + [closed], prints: "22\t20\tINVALID_ID,InvalidJobState\n22\tUploadComplete\tfalse\targument\n")
        XCTAssertEqual(try org.stateChangingRequests().count, 21)
    }

    func testAJobNamedTwiceIsClosedAndReadOnce() throws {
        let first = try org.createJob(["jobType": "V2Ingest", "state": "Open"])
        let second = try org.createJob(["jobType": "V2Ingest", "state": "Open"])
        try org.clearRequests()
        try assertScript("""
            local first, second = ...
            local ids = {first, second, first:sub(1, 15), "nonsense", {id = first}, "nonsense"}
            for i, r in ipairs(sf.close_jobs(ids, {concurrency = 8})) do
              assert(r.id == (ids[i].id or ids[i]), "order")
              print(r.ok, r.ok and r.job.state or r.error.code)
            end
            """, arguments: [first, second], prints: """
            true\tUploadComplete
            true\tUploadComplete
            true\tUploadComplete
            false\tINVALID_ID
            true\tUploadComplete
            false\tINVALID_ID

            """)
        XCTAssertEqual(try org.stateChangingRequests().count, 2)
        try org.clearRequests()
        try assertScript("""
            local first, second = ...
            local read = sf.job_infos({second, first, second:sub(1, 15)}, {type = "ingest"})
            print(#read, read[1].job.id == read[3].job.id, rawequal(read[1].job, read[3].job), read[2].job.state)
            """, arguments: [first, second], prints: "3\ttrue\tfalse\tUploadComplete\n")
        XCTAssertEqual(try org.requests().filter { $0.path.contains("/jobs/ingest/") }.map(\.method), ["GET", "GET"])
    }

    func testConnectionsStartFromTheCommandLine() throws {
        let id = try org.createJob(["jobType": "V2Ingest", "state": "Open"])
        try org.clearRequests()
        try assertScript("""
            local id = ...
            sf.connect{}:job_info(id, "ingest")
            sf.connect{api_version = "61.0"}:job_info(id, "ingest")
            """, arguments: [id], options: ["--api-version", "60.0"], prints: "")
        XCTAssertEqual(try org.requests().map(\.path), ["v60.0", "v61.0"].map { "/services/data/\($0)/jobs/ingest/\(id)" })
    }

    func testDryRunSendsNoStateChangingRequest() throws {
        let ingest = try org.createJob(["jobType": "V2Ingest", "state": "Open"])
        let classic = try org.createJob(["jobType": "Classic", "state": "Open"])
        let done = try org.createJob(["jobType": "V2Ingest", "state": "JobComplete"])
        try org.clearRequests()
        let result = try org.run("""
            local ingest, classic, done = ...
            local job = sf.close_job(ingest)
            print(sf.dry_run, job.dryRun, job.state)
            print(sf.abort_job(classic).dryRun, sf.delete_job(done).dryRun)
            local r = sf.close_jobs({ingest, classic})
            print(r[1].job.dryRun, r[2].job.state)
            for _, c in ipairs{sf.connect{}, sf.connect{dry_run = false}} do
              print(c.dry_run, c:close_job(ingest).dryRun, c:abort_job(classic).dryRun, c:close_jobs({ingest})[1].job.dryRun)
            end
            """, arguments: [ingest, classic, done], options: ["--dry-run"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "true\ttrue\tOpen\ntrue\ttrue\ntrue\tOpen\ntrue\ttrue\ttrue\ttrue\ntrue\ttrue\ttrue\ttrue\n")
        XCTAssertEqual(try org.stateChangingRequests(), [])
        XCTAssertTrue(result.stderr.contains("\"event\":\"dry_run\""), result.stderr)
        let refused = try org.run("sf.close_job(...)", arguments: [done], options: ["--dry-run"])
        XCTAssertEqual(refused.status, 0, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("Salesforce would refuse it: the job is JobComplete"), refused.stderr)
        XCTAssertEqual(try org.stateChangingRequests(), [])
        try assertScript("print(sf.job_info(...).state)", arguments: [ingest], prints: "Open\n")
    }

    /// `sf.dry_run = true` must not pass for a dry run: the assignment is an argument error, so the close
    /// after it is never sent; other fields of `sf` and of a connection can still be added.
    func testDryRunFlagsCannotBeAssigned() throws {
        let id = try org.createJob(["jobType": "V2Ingest", "state": "Open"])
        try org.clearRequests()
        for script in ["sf.dry_run = true; sf.close_job(...)", "local c = sf.connect{}; c.dry_run = true; c:close_job(...)"] {
            let result = try org.run(script, arguments: [id])
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains("dry_run cannot be assigned: a connection's dry run is chosen when it is made"), result.stderr)
        }
        XCTAssertEqual(try org.stateChangingRequests(), [])
        try assertScript("""
            local c = sf.connect{dry_run = true}
            for _, assign in ipairs{function() sf.version = "9" end, function() c.dry_run = false end,
                                    function() sf[nil] = 1 end, function() sf[0/0] = 1 end} do
              local ok, err = pcall(assign)
              print(ok, err.kind, err.message)
            end
            print(pcall(setmetatable, sf, nil))
            sf.helper, c.note = 1, "kept"
            print(sf.dry_run, c.dry_run, sf.helper, c.note, getmetatable(c), c:close_job(...).dryRun)
            """, arguments: [id], prints: """
            false	argument	sf.version cannot be assigned: it is the version of sfjobs running
            false	argument	conn.dry_run cannot be assigned: a connection's dry run is chosen when it is made (--dry-run, or sf.connect{dry_run = true})
            false	argument	index is nil
            false	argument	index is NaN
            false	cannot change a protected metatable
            false	true	1	kept	sf.connection	true

            """)
        XCTAssertEqual(try org.stateChangingRequests(), [])
    }

    func testOutOfRangeTimesAreArgumentErrorsOrWaitsNotCrashes() throws {
        let id = try org.createJob(["jobType": "V2Ingest", "state": "Open"])
        try assertScript("""
            local id = ...
            for _, t in ipairs{1e300, math.maxinteger, 2^63, -1, 0/0} do
              local ok, err = pcall(sf.close_job, id, {timeout = t})
              io.write(tostring(ok), " ", err.code, " ")
            end
            print(pcall(sf.connect, {timeout = 1e14}))
            local ok, err = pcall(sf.wait_job, id, {interval = 0})
            print(ok, err.code, err.message)
            """, arguments: [id], prints: """
            false BAD_ARGUMENT false BAD_ARGUMENT false BAD_ARGUMENT false BAD_ARGUMENT false BAD_ARGUMENT false\targument error BAD_ARGUMENT: timeout must be a number of milliseconds from 0 (none) to 2592000000 (30 days), not 100000000000000
            false\tBAD_ARGUMENT\tinterval must be at least 100 ms, not 0

            """)
        // A sleep longer than 64 bits of nanoseconds hold waits until the run's deadline.
        let sleeper = try org.run("sf.sleep(1e10)", options: ["--run-timeout", "1s"])
        XCTAssertEqual(sleeper.status, 124, sleeper.stderr)
        XCTAssertTrue(sleeper.stderr.contains("run timed out"), sleeper.stderr)
    }

    func testWaitJobFollowsAJobToItsEnd() throws {
        org = try SimulatorFixture(clockSpeed: 60)
        let id = try org.createJob(["jobType": "V2Ingest", "state": "UploadComplete", "records": 10])
        let stuck = try org.createJob(["jobType": "Classic", "state": "Open"])
        try assertScript("""
            local id, stuck = ...
            print(sf.wait_job(id, {interval = 100, timeout = 30000}).state)
            local started = sf.now()
            local ok, err = pcall(sf.wait_job, stuck, {interval = 100, timeout = 400})
            print(ok, err.kind, err.code, err.job_id == sf.id18(stuck), sf.now() - started < 2, err.message)
            """, arguments: [id, stuck], prints: "JobComplete\nfalse\ttimeout\tTIMEOUT\ttrue\ttrue\tjob still Open after 400 ms\n")
    }

    func testEveryErrorKind() throws {
        let id = try org.createJob(["jobType": "V2Ingest", "state": "Open"])
        try org.addFault(["fault": "delay", "seconds": 3, "count": 1, "method": "GET"])
        let slow = try org.run("""
            local conn = sf.connect{timeout = 500}
            local started = sf.now()
            local ok, err = pcall(conn.job_info, conn, ..., "ingest")
            print(err.kind, err.code, sf.now() - started < 1.5)
            """, arguments: [id])
        XCTAssertEqual(slow.stdout, "timeout\tTIMEOUT\ttrue\n", slow.stderr)

        try org.addFault(["fault": "malformed", "count": 1, "method": "GET"])
        try assertScript("local ok, err = pcall(sf.job_info, ..., 'ingest') print(err.kind, err.code)", arguments: [id],
                         prints: "protocol\tBAD_RESPONSE\n")

        try org.expireTokens()
        let login = try org.run("local ok, err = pcall(sf.job_info, ...) print(err.kind, err.code)", arguments: [id],
                                environment: ["SF_EXTERNAL_SESSION": "1"])
        XCTAssertEqual(login.stdout, "login\tINVALID_SESSION_ID\n", login.stderr)

        let unconfigured = try SFJobsProcess.run(["run", "-e", "local ok, err = pcall(sf.job_info, '7508d000000Gma9') print(err.kind, err.code)"])
        XCTAssertEqual(unconfigured.stdout, "connection\tNOT_CONFIGURED\n", unconfigured.stderr)

        let refused = try SFJobsProcess.run(
            ["run", "-e", "local ok, err = pcall(sf.job_info, '7508d000000Gma9', {}) print(err.kind)"],
            environment: ["SF_INSTANCE_URL": "http://127.0.0.1:9", "SF_ACCESS_TOKEN": "x"])
        XCTAssertEqual(refused.stdout, "argument\n", refused.stderr)
        let down = try SFJobsProcess.run(
            ["run", "-e", "local ok, err = pcall(sf.job_info, '7508d000000Gma9') print(err.kind, err.code)"],
            environment: ["SF_INSTANCE_URL": "http://127.0.0.1:9", "SF_ACCESS_TOKEN": "x"])
        XCTAssertEqual(down.stdout, "connection\tCOULDNT_CONNECT\n", down.stderr)
    }

    func testUncaughtSFErrorPrintsItsDescription() throws {
        let result = try org.run("sf.job_info('7508d00000ZZZZZ')")
        XCTAssertEqual(result.status, 1)
        let line = try JSONSerialization.jsonObject(with: Data(result.stderr.split(separator: "\n").last!.utf8)) as! [String: Any]
        let error = line["error"] as! [String: Any]
        XCTAssertEqual(error["kind"] as? String, "rest")
        XCTAssertEqual(error["code"] as? String, "NOT_FOUND")
        XCTAssertTrue((line["message"] as! String).hasPrefix("rest error NOT_FOUND (HTTP 404): "))
    }

    func testConnectionsAndHelpers() throws {
        let id = try org.createJob(["jobType": "Classic", "state": "Open", "object": "Account", "batches": 3])
        try assertScript("""
            local conn = sf.connect{instance_url = os.getenv("SF_INSTANCE_URL"), access_token = os.getenv("SF_ACCESS_TOKEN"), dry_run = true}
            print(conn.dry_run, conn:job_info(...).object, #conn:batches(...), conn:close_job(...).dryRun)
            local ok, err = pcall(function(id) return conn.job_info(id) end, ...)
            print(ok, err.code, err.message)
            ok, err = pcall(sf.connect, {instanse_url = "x"})
            print(ok, err.kind, err.message:match("unknown option") ~= nil)
            print(sf.id18("7508d000000gma9"), sf.parse_time("2026-11-20T10:00:00.000+0000"), sf.parse_time("yesterday"))
            print(sf.json.encode(sf.json.decode('{"a":[1,2.5,"x",true]}')), sf.version ~= nil)
            local usage = conn:api_usage()
            print(math.type(usage.used), usage.limit > 0, type(sf.limits().DailyApiRequests.Max))
            """, arguments: [id], prints: """
            true\tAccount\t3\ttrue
            false\tBAD_ARGUMENT\tbad argument #1 to 'job_info' (connection expected, got string; call methods with ':')
            false\targument\ttrue
            7508d000000gma9AAA\t1795168800\tnil\tnot a Salesforce date: "yesterday"
            {"a":[1,2.5,"x",true]}\ttrue
            integer\ttrue\tnumber

            """)
    }

    func testHelp() throws {
        try assertScript("help(sf.close_jobs) help('job_info')", prints: """
            \(try usage("close_jobs"))
            \(try usage("job_info"))

            """)
    }

    func testHelpKnowsTheModuleAndConnectionMethods() throws {
        let result = try SFJobsProcess.run(["run", "-e", """
            help(sf)
            local conn = sf.connect{instance_url = "http://127.0.0.1:1", access_token = "t"}
            help(conn.close_job)
            """])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("sf — Salesforce Bulk API job housekeeping\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("\nconn:close_job(id"), result.stdout)
        XCTAssertFalse(result.stdout.contains("no help"), result.stdout)
    }

    private func usage(_ name: String) throws -> String {
        let result = try SFJobsProcess.run(["run", "-e", "help('\(name)')"])
        return String(result.stdout.dropLast())
    }

    private func id18(_ id: String) throws -> String {
        try SFJobsProcess.run(["run", "-e", "io.write(sf.id18('\(id)'))"]).stdout
    }
}
