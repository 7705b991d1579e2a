import Foundation
import XCTest

/// Scripts that try to take the host down: memory bombs, runaway recursion, endless loops, huge
/// tables and wrong argument types. Each gets a clean error and the host goes on.
final class HostileScriptTests: XCTestCase {
    private static let memoryBomb = "local t = {} while true do t[#t + 1] = string.rep('x', 1 << 20) .. #t end"

    func testAMemoryBombStopsAtTheBudgetAndCanBeCaught() throws {
        let result = try SFJobsProcess.run(["run", "--memory-limit", "64M", "-e", """
            local ok, err = pcall(function() \(Self.memoryBomb) end)
            collectgarbage()
            print(ok, err)
            print(#string.rep('y', 1000))
            """])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "false\tnot enough memory\n1000\n")
    }

    func testAnUncaughtMemoryBombIsAnErrorNamingTheBudget() throws {
        let result = try SFJobsProcess.run(["run", "--memory-limit", "32M", "--log-format", "text", "-e", Self.memoryBomb])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("not enough memory (memory budget of 33554432 bytes)"), result.stderr)
    }

    func testTheDefaultBudgetRefusesAGiantString() throws {
        let result = try SFJobsProcess.run(["run", "-e", "print(pcall(string.rep, 'x', 3 << 29))"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "false\tnot enough memory\n")
    }

    func testMemoryLimitIsValidated() throws {
        let result = try SFJobsProcess.run(["run", "--memory-limit", "lots", "-e", "print(1)"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("'lots' is not a byte count"), result.stderr)
    }

    func testDeepRecursionIsAStackOverflowAndTheHostSurvives() throws {
        let result = try SFJobsProcess.run(["run", "-e", """
            local function f() return 1 + f() end
            local ok, err = pcall(f)
            print(ok, err:match('stack overflow') ~= nil)
            local t = setmetatable({}, {__index = function(t, k) return t[k] end})
            ok, err = pcall(function() return t.x end)
            print(ok, err:match('stack overflow') ~= nil)
            print(#sf.id18('750000000000001'))
            """])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "false\ttrue\nfalse\ttrue\n18\n")

        let uncaught = try SFJobsProcess.run(["run", "--log-format", "text", "-e", "local function f() return 1 + f() end f()"])
        XCTAssertEqual(uncaught.status, 1)
        XCTAssertTrue(uncaught.stderr.contains("stack overflow"), uncaught.stderr)
        XCTAssertTrue(uncaught.stderr.contains("stack traceback:"), uncaught.stderr)
    }

    func testDeeplyNestedAndCyclicJSONAreArgumentErrors() throws {
        let result = try SFJobsProcess.run(["run", "-e", """
            local function try(f, ...)
              local ok, err = pcall(f, ...)
              print(ok, ok and type(err) or err.kind, ok and "" or err.message)
            end
            try(sf.json.decode, string.rep("[", 512) .. string.rep("]", 512))
            try(sf.json.decode, string.rep("[", 100000) .. string.rep("]", 100000))
            local deep = {}
            local cursor = deep
            for _ = 1, 100000 do cursor[1] = {}; cursor = cursor[1] end
            try(sf.json.encode, deep)
            local cycle = {}
            cycle.self = cycle
            try(sf.json.encode, cycle)
            try(sf.json.encode, {x = 0/0})
            try(sf.json.encode, {-1/0, 1/0})
            print(sf.json.encode({a = {b = {c = {1, 2}}}}))
            """])
        XCTAssertEqual(result.status, 0, result.stderr)
        let encodeRefusal = "cannot encode a table that contains itself or nests more than 32 levels as JSON"
        XCTAssertEqual(result.stdout, """
            true	table	
            false	argument	json.decode: not a JSON text (or nested more than 512 levels deep)
            false	argument	\(encodeRefusal)
            false	argument	\(encodeRefusal)
            false	argument	cannot encode NaN as JSON: JSON has no such number
            false	argument	cannot encode -inf as JSON: JSON has no such number
            {"a":{"b":{"c":[1,2]}}}

            """)
    }

    func testAnInfiniteLoopEndsAtTheRunTimeout() throws {
        let started = Date()
        let result = try SFJobsProcess.run(["run", "--run-timeout", "500ms", "--log-format", "text", "-e",
                                            "while true do pcall(function() while true do end end) end"])
        XCTAssertEqual(result.status, 124, result.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }

    func testARunThatCatchesItsTimeoutStillTimesOut() throws {
        let caught = try SFJobsProcess.run(["run", "--run-timeout", "300ms", "--log-format", "json", "-e",
                                            "for i = 1, 3 do print(pcall(sf.sleep, 1)) end print('went on')"])
        XCTAssertEqual(caught.status, 124, caught.stderr)
        XCTAssertEqual(caught.stdout.components(separatedBy: "\n").suffix(2), ["went on", ""])
        XCTAssertTrue(caught.stderr.contains("\"kind\":\"timeout\""), caught.stderr)
        // A deadline that passes while C code runs (no hook fires there) ends the run as timed out too.
        let inC = try SFJobsProcess.run(["run", "--run-timeout", "200ms", "-e", "os.execute('sleep 1') print('after')"])
        XCTAssertEqual(inC.status, 124, inC.stderr)
        let inTime = try SFJobsProcess.run(["run", "--run-timeout", "5s", "-e", "pcall(sf.sleep, 0.1) print('done')"])
        XCTAssertEqual(inTime.status, 0, inTime.stderr)
    }

    func testAMillionIdsAreRefusedBeforeAnyRequest() throws {
        let org = try SimulatorFixture()
        let result = try org.run("""
            local ids = {}
            for i = 1, 1000000 do ids[i] = '750000000000001' end
            for _, f in ipairs{sf.close_jobs, sf.job_infos} do
              local ok, err = pcall(f, ids)
              print(ok, err.kind, err.code, err.message)
            end
            """)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, String(repeating: "false\targument\tBAD_ARGUMENT\tids has 1000000 entries; at most 100000 per call (split the list)\n", count: 2))
        XCTAssertEqual(try org.requests().count, 0)
    }

    func testEveryWrongArgumentTypeOfEverySFFunctionIsAnArgumentError() throws {
        let org = try SimulatorFixture()
        let id = try org.createJob(["jobType": "V2Ingest", "state": "JobComplete"])
        try org.clearRequests()
        let result = try org.run(Self.wrongTypesScript, arguments: [id])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasSuffix("failures: 0\n"), result.stdout)
        XCTAssertGreaterThan(Int(result.stdout.split(separator: "\n").first?.split(separator: " ").last ?? "") ?? 0, 200, result.stdout)
        XCTAssertEqual(try org.requests().map { "\($0.method) \($0.path)" }, [])
    }

    /// For each function and each argument position, every value of a type the position does not
    /// take (other arguments valid) must raise an `sf` argument error; prints the count of cases
    /// and each failure.
    private static let wrongTypesScript = """
        local id = ...
        local samples = {
          boolean = true, number = 42, string = 'junk', table = {}, ['function'] = print,
          thread = coroutine.create(print), userdata = io.stdout,
        }
        -- name, then for each position: the types it takes ('any' for every type) and a valid value
        local specs = {
          {'job_info', {'string', id}, {'string nil', 'ingest'}},
          {'close_job', {'string', id}, {'string table nil', 'Aborted'}},
          {'abort_job', {'string', id}, {'table nil', {}}},
          {'delete_job', {'string', id}, {'table nil', {}}},
          {'wait_job', {'string', id}, {'table nil', {}}},
          {'batches', {'string', id}},
          {'jobs', {'table nil', {}}},
          {'list_jobs', {'table nil', {}}},
          {'close_jobs', {'table', {id}}, {'string table nil', 'Aborted'}},
          {'job_infos', {'table', {id}}, {'table nil', {}}},
          {'sleep', {'number', 0}},
          {'parse_time', {'string', '2026-01-01T00:00:00.000+0000'}},
          {'id18', {'string', id}},
          {'is_job_id', {'any', id}},
          {'log.info', {'any', 'message'}, {'table nil', {}}},
          {'json.encode', {'nil boolean number string table', {}}},
          {'json.decode', {'string', '{}'}},
          {'connect', {'table nil', {}}},
        }
        local function lookup(name)
          local f = sf
          for part in name:gmatch('[^.]+') do f = f[part] end
          return f
        end
        local cases, failures = 0, {}
        local function check(label, f, args, n)
          cases = cases + 1
          local ok, err = pcall(f, table.unpack(args, 1, n))
          if ok then
            failures[#failures + 1] = label .. ': no error'
          elseif type(err) ~= 'table' or err.kind ~= 'argument' then
            failures[#failures + 1] = label .. ': ' .. tostring(err)
          elseif not (err.code == 'BAD_ARGUMENT' or err.code == 'INVALID_ID' or err.code == 'INVALID_STATE') then
            failures[#failures + 1] = label .. ': code ' .. tostring(err.code)
          end
        end
        local conn = sf.connect{}
        for _, spec in ipairs(specs) do
          local name, f = spec[1], lookup(spec[1])
          for position = 2, #spec do
            local takes = spec[position][1]
            for typeName, wrong in pairs(samples) do
              if takes ~= 'any' and not takes:find(typeName, 1, true) then
                local args = {}
                for p = 2, #spec do args[p - 1] = spec[p][2] end
                args[position - 1] = wrong
                check(string.format('%s arg %d %s', name, position - 1, typeName), f, args, #spec - 1)
                if conn[name] then
                  check(string.format('conn:%s arg %d %s', name, position - 1, typeName), conn[name], {conn, table.unpack(args, 1, #spec - 1)}, #spec)
                end
              end
            end
          end
          if conn[name] then
            for typeName, wrong in pairs(samples) do
              check(string.format('conn.%s self %s', name, typeName), conn[name], {wrong, spec[2] and spec[2][2]}, 2)
            end
          end
        end
        print('cases: ' .. cases)
        for _, failure in ipairs(failures) do print(failure) end
        print('failures: ' .. #failures)
        """

    func testAScheduleGoesOnAfterRunsThatBlowUp() throws {
        let counter = try SFJobsProcess.temporaryScript("0", name: "count")
        let script = try SFJobsProcess.temporaryScript("""
            local file = io.open(arg[1]) local n = file:read('n') + 1 file:close()
            file = io.open(arg[1], 'w') file:write(n) file:close()
            if n == 1 then \(Self.memoryBomb) end
            if n == 2 then local function f() return 1 + f() end f() end
            if n == 3 then local ids = {} for i = 1, 200000 do ids[i] = '750000000000001' end sf.close_jobs(ids) end
            print('good run', n)
            """, name: "blowup.lua")
        let result = try SFJobsProcess.run(["run", "--every", "100ms", "--max-runs", "4", "--memory-limit", "128M",
                                            "--log-format", "json", script, counter])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "good run\t4\n")
        let finishes = try result.stderr.split(separator: "\n").compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.filter { $0["event"] as? String == "run_finish" }
        XCTAssertEqual(finishes.map { $0["status"] as? String }, ["error", "error", "error", "ok"])
        XCTAssertEqual(finishes.map { ($0["error"] as? [String: Any])?["kind"] as? String }, ["memory", "runtime", "argument", nil])
    }
}
