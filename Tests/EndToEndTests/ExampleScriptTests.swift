import Foundation
import XCTest

/// The housekeeping scripts in `scripts/examples`, run by the real binary against the simulated org.
final class ExampleScriptTests: XCTestCase {
    private var org: SimulatorFixture!

    override func setUpWithError() throws {
        org = try SimulatorFixture(clockSpeed: 0)
    }

    override func tearDown() {
        org = nil
    }

    private static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/examples")

    private func runExample(_ name: String, _ arguments: [String] = [], options: [String] = []) throws -> SFJobsProcess.Result {
        try SFJobsProcess.run(["run", "--log-format", "json"] + options + [Self.examples.appendingPathComponent(name).path] + arguments,
                              environment: org.environment)
    }

    private func state(of id: String) throws -> String {
        try SFJobsProcess.run(["run", "-e", "io.write(sf.job_info('\(id)').state)"], environment: org.environment).stdout
    }

    func testCloseStaleIngestJobs() throws {
        let staleV2 = try org.createJob(["jobType": "V2Ingest", "state": "Open", "ageSeconds": 3 * 86400])
        let staleClassic = try org.createJob(["jobType": "Classic", "state": "Open", "operation": "insert", "ageSeconds": 2 * 86400])
        let fresh = try org.createJob(["jobType": "V2Ingest", "state": "Open", "ageSeconds": 3600])
        let dry = try runExample("close_stale_ingest_jobs.lua", ["24"], options: ["--dry-run"])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.hasSuffix("2 stale ingest job(s) older than 24h: 2 closed (dry run), 0 failed\n"), dry.stdout)
        XCTAssertEqual(try state(of: staleV2), "Open")

        let result = try runExample("close_stale_ingest_jobs.lua", ["24"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasSuffix("2 stale ingest job(s) older than 24h: 2 closed, 0 failed\n"), result.stdout)
        XCTAssertEqual(try state(of: staleV2), "UploadComplete")
        XCTAssertEqual(try state(of: staleClassic), "Closed")
        XCTAssertEqual(try state(of: fresh), "Open")
    }

    func testAbortStuckQueries() throws {
        let stuck = try org.createJob(["jobType": "V2Query", "state": "InProgress", "ageSeconds": 5 * 3600])
        let recent = try org.createJob(["jobType": "V2Query", "state": "InProgress", "ageSeconds": 600])
        let result = try runExample("abort_stuck_queries.lua", ["120"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasSuffix("1 stuck query job(s) older than 120 min: 1 aborted, 0 failed\n"), result.stdout)
        XCTAssertEqual(try state(of: stuck), "Aborted")
        XCTAssertEqual(try state(of: recent), "InProgress")
    }

    func testCloseFinishedPKChunkedQueries() throws {
        let finished = try org.createJob(["jobType": "Classic", "state": "Open", "operation": "query", "pkChunking": true,
                                          "records": 250_000, "ageSeconds": 7200])
        let running = try org.createJob(["jobType": "Classic", "state": "Open", "operation": "query", "pkChunking": true,
                                         "records": 250_000])
        let result = try runExample("close_finished_pk_chunked_queries.lua")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasSuffix("1 finished PK-chunked job(s): 1 closed; 1 still running\n"), result.stdout)
        XCTAssertEqual(try state(of: finished), "Closed")
        XCTAssertEqual(try state(of: running), "Open")
    }

    func testReportFailedJobs() throws {
        let failed = try org.createJob(["jobType": "V2Ingest", "state": "Failed", "errorMessage": "InvalidBatch : Field name not found : Nmae",
                                        "ageSeconds": 3600])
        _ = try org.createJob(["jobType": "V2Ingest", "state": "Failed", "ageSeconds": 3 * 86400])
        _ = try org.createJob(["jobType": "V2Ingest", "state": "JobComplete", "ageSeconds": 3600])
        let text = try runExample("report_failed_jobs.lua", ["24"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("InvalidBatch : Field name not found : Nmae"), text.stdout)
        XCTAssertTrue(text.stdout.hasSuffix("1 failed job(s) in the last 24h\n"), text.stdout)

        let json = try runExample("report_failed_jobs.lua", ["24", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(object["id"] as? String, try SFJobsProcess.run(["run", "-e", "io.write(sf.id18('\(failed)'))"]).stdout)
        XCTAssertEqual(object["errorMessage"] as? String, "InvalidBatch : Field name not found : Nmae")
    }
}
