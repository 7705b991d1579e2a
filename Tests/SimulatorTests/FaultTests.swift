import Foundation
import Simulator
import XCTest

final class FaultTests: SimulatorTestCase {
    func testStatus503WithRetryAfterForCountRequests() throws {
        server.inject(SimFault(.status503, count: 2, retryAfter: 7))
        for _ in 0..<2 {
            let result = try http("GET", "\(v2)/jobs/ingest", headers: bearer)
            XCTAssertEqual(result.status, 503)
            XCTAssertEqual(result.headers["retry-after"], "7")
        }
        XCTAssertEqual(try http("GET", "\(v2)/jobs/ingest", headers: bearer).status, 200)
    }

    func testStatus429WithRetryAfter() throws {
        server.inject(SimFault(.status429, retryAfter: 3))
        let result = try http("GET", "\(v2)/jobs/ingest", headers: bearer)
        XCTAssertEqual(result.status, 429)
        XCTAssertEqual(result.headers["retry-after"], "3")
        XCTAssertTrue(result.body.contains("REQUEST_LIMIT_EXCEEDED"))
    }

    func testFaultsApplyToTheTokenEndpointToo() throws {
        server.inject(SimFault(.status503, pathPrefix: "/services/oauth2/token"))
        XCTAssertEqual(try http("POST", "\(base)/services/oauth2/token", body: "grant_type=password").status, 503)
        XCTAssertEqual(try http("POST", "\(base)/services/oauth2/token", body: "grant_type=password").status, 400)
    }

    func testDropClosesTheConnectionWithoutAnswer() throws {
        server.inject(SimFault(.drop))
        let dropped = try http("GET", "\(v2)/jobs/ingest", headers: bearer)
        XCTAssertEqual(dropped.status, 0)
        XCTAssertEqual(dropped.curlExit, 52)
        XCTAssertEqual(try http("GET", "\(v2)/jobs/ingest", headers: bearer).status, 200)
        XCTAssertEqual(server.requestLog.first?.fault, .drop)
    }

    func testDelay() throws {
        server.inject(SimFault(.delay, delaySeconds: 0.5))
        let start = Date()
        XCTAssertEqual(try http("GET", "\(v2)/jobs/ingest", headers: bearer).status, 200)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.5)
    }

    func testMalformedBody() throws {
        let id = job(SimJobSpec(jobType: .v2Ingest))
        server.inject(SimFault(.malformed))
        let result = try http("GET", "\(v2)/jobs/ingest/\(id)", headers: bearer)
        XCTAssertEqual(result.status, 200)
        XCTAssertTrue(result.body.hasPrefix("{\"id\":\"\(id)"), result.body)
        XCTAssertNil(result.json)
    }

    func testLimitExceeded() throws {
        server.inject(SimFault(.limitExceeded))
        let result = try http("GET", "\(v2)/limits", headers: bearer)
        XCTAssertEqual(result.status, 403)
        XCTAssertEqual(
            result.body, #"[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"TotalRequests Limit exceeded."}]"#)
    }

    func testExpireTokensFault() throws {
        server.inject(SimFault(.expireTokens))
        XCTAssertEqual(try http("GET", "\(v2)/jobs/ingest", headers: bearer).status, 401)
        XCTAssertEqual(try http("GET", "\(v2)/jobs/ingest", headers: bearer).status, 401)
    }

    func testMethodAndPathMatching() throws {
        let id = job(SimJobSpec(jobType: .v2Ingest))
        server.inject(SimFault(.status503, method: "PATCH", pathPrefix: "/services/data/v66.0/jobs/ingest/\(id)"))
        XCTAssertEqual(try http("GET", "\(v2)/jobs/ingest/\(id)", headers: bearer).status, 200)
        XCTAssertEqual(try http("PATCH", "\(v2)/jobs/query/\(id)", headers: bearer, body: "{}").status, 404)
        XCTAssertEqual(
            try http("PATCH", "\(v2)/jobs/ingest/\(id)", headers: bearer, body: #"{"state":"Aborted"}"#).status, 503)
        XCTAssertEqual(server.job(id)?.state, "Open")
        XCTAssertEqual(
            try http("PATCH", "\(v2)/jobs/ingest/\(id)", headers: bearer, body: #"{"state":"Aborted"}"#).status, 200)
    }
}
