import Foundation
import XCTest

/// `sfjobs job-info`, `close-job` and `jobs`: tables for people, `--json` for machines, status 1 on refusal.
final class OneOffCommandTests: XCTestCase {
    private var org: SimulatorFixture!

    override func setUpWithError() throws {
        org = try SimulatorFixture(clockSpeed: 0)
    }

    override func tearDown() {
        org = nil
    }

    private func run(_ arguments: [String]) throws -> SFJobsProcess.Result {
        try SFJobsProcess.run(arguments, environment: org.environment)
    }

    func testJobInfoAsJSONHasTheJobTableFields() throws {
        let id = try org.createJob(["jobType": "V2Ingest", "state": "Open", "object": "Account"])
        let result = try run(["job-info", id, "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let job = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(job["jobType"] as? String, "V2Ingest")
        XCTAssertEqual(job["object"] as? String, "Account")
        XCTAssertEqual(job["apiVersion"] as? String, "66.0")
        XCTAssertEqual(job["numberRecordsProcessed"] as? Int, 0)
    }

    func testJobInfoAsATable() throws {
        let id = try org.createJob(["jobType": "V2Ingest", "state": "Open", "object": "Account"])
        let result = try run(["job-info", id])
        let lines = result.stdout.split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("id ") && lines[0].hasSuffix(String(id.prefix(15))) == false, result.stdout)
        XCTAssertEqual(lines[1], "jobType                  V2Ingest")
        XCTAssertEqual(lines[2], "object                   Account")
    }

    func testCloseJobAndItsRefusal() throws {
        let id = try org.createJob(["jobType": "Classic", "state": "Open"])
        let closed = try run(["close-job", id, "--json"])
        XCTAssertEqual(closed.status, 0, closed.stderr)
        XCTAssertTrue(closed.stdout.contains("\"state\":\"Closed\""), closed.stdout)
        let again = try run(["close-job", id, "--log-format", "text"])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.hasPrefix("sfjobs: rest error InvalidJobState (HTTP 400): Closing already closed Job not allowed"), again.stderr)
        XCTAssertEqual(try run(["close-job", id, "--state", "Deleted"]).status, 64)
        XCTAssertEqual(try run(["close-job", id, "--type", "bogus"]).status, 64)
        XCTAssertEqual(try run(["job-info", id, "--type", "bogus"]).status, 64)
    }

    func testJobsFiltersAndPrintsAnArray() throws {
        _ = try org.createJob(["jobType": "V2Ingest", "state": "Open"])
        _ = try org.createJob(["jobType": "V2Ingest", "state": "Failed"])
        _ = try org.createJob(["jobType": "V2Query", "state": "Failed"])
        let result = try run(["jobs", "--state", "Failed", "--json"])
        let jobs = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        XCTAssertEqual(Set(jobs.map { $0["jobType"] as! String }), ["V2Ingest", "V2Query"])
        let table = try run(["jobs", "--type", "ingest"])
        XCTAssertTrue(table.stdout.hasPrefix("id                  jobType   object"), table.stdout)
        XCTAssertTrue(table.stdout.hasSuffix("(2 jobs)\n"), table.stdout)
        let typo = try run(["jobs", "--state", "Completed"])
        XCTAssertEqual(typo.status, 64)
        XCTAssertTrue(typo.stderr.contains("--state Completed is no job state; Salesforce's are Open, UploadComplete"), typo.stderr)
        XCTAssertEqual(try run(["jobs", "--state", "failed", "--json"]).stdout, result.stdout)
    }
}
