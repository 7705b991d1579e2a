import Foundation
import Simulator
import XCTest

final class ControlAPITests: SimulatorTestCase {
    private var control: String { "\(base)/__simulator" }

    func testCreateAndReadJobs() throws {
        let created = try http(
            "POST", "\(control)/jobs",
            body: #"{"jobType":"Classic","state":"Open","pkChunking":true,"ageSeconds":172800,"records":250000}"#)
        XCTAssertEqual(created.status, 201)
        XCTAssertEqual(created.object["jobType"] as? String, "Classic")
        XCTAssertEqual(created.object["operation"] as? String, "query")
        XCTAssertEqual(created.object["pkChunking"] as? Bool, true)
        XCTAssertEqual(
            created.object["batchStates"] as? [String], ["NotProcessed", "Completed", "Completed", "Completed"])
        let id = try XCTUnwrap(created.object["id"] as? String)
        let read = try http("GET", "\(control)/jobs/\(id)")
        XCTAssertEqual(read.object["state"] as? String, "Open")
        XCTAssertEqual(try http("GET", "\(control)/jobs/7508d0000000001AAA").status, 404)
        let failed = try http(
            "POST", "\(control)/jobs", body: #"{"jobType":"V2Query","state":"Failed","errorMessage":"QUERY_TIMEOUT"}"#)
        XCTAssertEqual(failed.object["errorMessage"] as? String, "QUERY_TIMEOUT")
        XCTAssertEqual(try http("POST", "\(control)/jobs", body: #"{"jobType":"Nope"}"#).status, 400)
        XCTAssertEqual(try http("POST", "\(control)/jobs", body: #"{"jobType":"V2Query","state":"Open"}"#).status, 400)
    }

    func testFaultsThroughControlAPI() throws {
        let added = try http(
            "POST", "\(control)/faults",
            body:
                #"{"fault":"status503","count":2,"retryAfter":1,"method":"GET","path":"/services/data/v66.0/jobs/ingest"}"#
        )
        XCTAssertEqual(added.status, 201)
        XCTAssertEqual(try http("GET", "\(v2)/jobs/query", headers: bearer).status, 200)
        XCTAssertEqual(try http("GET", "\(v2)/jobs/ingest", headers: bearer).status, 503)
        XCTAssertEqual(try http("DELETE", "\(control)/faults").status, 204)
        XCTAssertEqual(try http("GET", "\(v2)/jobs/ingest", headers: bearer).status, 200)
        XCTAssertEqual(try http("POST", "\(control)/faults", body: #"{"fault":"meteor"}"#).status, 400)
        XCTAssertEqual(try http("POST", "\(control)/faults", body: #"{"fault":"delay","seconds":0.2}"#).status, 201)
        let start = Date()
        _ = try http("GET", "\(v2)/jobs/ingest", headers: bearer)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.2)
    }

    func testExpireTokensAndIssueANewOne() throws {
        XCTAssertEqual(try http("POST", "\(control)/expire-tokens").status, 204)
        XCTAssertEqual(try http("GET", "\(v2)/jobs/ingest", headers: bearer).status, 401)
        let issued = try http("POST", "\(control)/tokens")
        let token = try XCTUnwrap(issued.object["access_token"] as? String)
        XCTAssertEqual(try http("GET", "\(v2)/jobs/ingest", headers: ["Authorization": "Bearer \(token)"]).status, 200)
    }

    func testAdvanceMovesJobsAlong() throws {
        let id = job(SimJobSpec(jobType: .v2Query))
        let before = try http("GET", "\(control)/clock").object["now"] as? String
        let advanced = try http("POST", "\(control)/advance", body: #"{"seconds":3}"#)
        XCTAssertEqual(advanced.status, 200)
        XCTAssertNotEqual(advanced.object["now"] as? String, before)
        XCTAssertEqual(server.job(id)?.state, "InProgress")
        XCTAssertEqual(try http("POST", "\(control)/advance", body: #"{"seconds":-1}"#).status, 400)
    }

    func testRequestLogShowsWhatWasSent() throws {
        let id = job(SimJobSpec(jobType: .v2Ingest))
        _ = try http("GET", "\(v2)/jobs/ingest/\(id)?x=1", headers: bearer)
        _ = try http("PATCH", "\(v2)/jobs/ingest/\(id)", headers: bearer, body: #"{"state":"Aborted"}"#)
        let log = try XCTUnwrap(try http("GET", "\(control)/requests").object["requests"] as? [[String: Any]])
        XCTAssertEqual(log.count, 2)
        XCTAssertEqual(log[0]["method"] as? String, "GET")
        XCTAssertEqual(log[0]["path"] as? String, "/services/data/v66.0/jobs/ingest/\(id)")
        XCTAssertEqual(log[0]["query"] as? String, "x=1")
        XCTAssertEqual(log[0]["status"] as? Int, 200)
        XCTAssertEqual(log[1]["method"] as? String, "PATCH")
        XCTAssertEqual(try http("DELETE", "\(control)/requests").status, 204)
        XCTAssertEqual((try http("GET", "\(control)/requests").object["requests"] as? [Any])?.count, 0)
        XCTAssertTrue(server.requestLog.isEmpty)
    }

    func testCredentialsAndJWTKeys() throws {
        let credentials = try http("GET", "\(control)/credentials").object
        XCTAssertEqual(credentials["instanceUrl"] as? String, base)
        XCTAssertEqual(credentials["clientId"] as? String, server.credentials.clientID)
        XCTAssertEqual(credentials["password"] as? String, server.credentials.password)
        XCTAssertEqual(
            try http("POST", "\(control)/jwt-keys", body: #"{"clientId":"x","publicKey":"junk"}"#).status, 400)
    }
}
