import Foundation
import Simulator
import XCTest

final class Bulk1Tests: SimulatorTestCase {
    private let namespace = "http://www.force.com/2009/06/asyncapi/dataload"

    func testJobInfoInXML() throws {
        let id = job(SimJobSpec(jobType: .classic, state: "Open", object: "Account", batches: 0))
        let result = try http("GET", "\(v1)/job/\(id)", headers: ["X-SFDC-Session": server.accessToken])
        XCTAssertEqual(result.status, 200)
        XCTAssertTrue(result.body.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?><jobInfo xmlns="\#(namespace)">"#))
        XCTAssertTrue(result.body.contains("<id>\(id)</id><operation>insert</operation><object>Account</object>"))
        XCTAssertTrue(result.body.contains("<state>Open</state>"))
        XCTAssertTrue(result.body.contains("<apiVersion>66.0</apiVersion>"))
        XCTAssertNotNil(
            result.body.range(
                of: #"<createdDate>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z</createdDate>"#, options: .regularExpression))
    }

    func testJobInfoInJSON() throws {
        let id = job(SimJobSpec(jobType: .classic, state: "Closed", ageSeconds: 3600, batches: 2, records: 10))
        let result = try http("GET", "\(v1)/job/\(id)", headers: session(json: true))
        XCTAssertEqual(result.status, 200)
        XCTAssertTrue(result.body.contains("\"apiVersion\":66.0"))
        XCTAssertEqual(result.object["state"] as? String, "Closed")
        XCTAssertEqual(result.object["numberBatchesTotal"] as? Int, 2)
        XCTAssertEqual(result.object["numberBatchesCompleted"] as? Int, 2)
        XCTAssertNotNil(result.object["numberRetries"] as? Int)
        XCTAssertTrue((result.object["createdDate"] as? String ?? "").hasSuffix("+0000"))
    }

    func testCloseThenCloseAgainXML() throws {
        let id = job(SimJobSpec(jobType: .classic, state: "Open"))
        let body =
            #"<?xml version="1.0" encoding="UTF-8"?><jobInfo xmlns="\#(namespace)"><state>Closed</state></jobInfo>"#
        let closed = try http("POST", "\(v1)/job/\(id)", headers: session(json: false), body: body)
        XCTAssertEqual(closed.status, 200)
        XCTAssertTrue(closed.body.contains("<state>Closed</state>"), closed.body)
        let again = try http("POST", "\(v1)/job/\(id)", headers: session(json: false), body: body)
        XCTAssertEqual(again.status, 400)
        XCTAssertEqual(
            again.body,
            #"<?xml version="1.0" encoding="UTF-8"?><error xmlns="\#(namespace)"><exceptionCode>InvalidJobState</exceptionCode><exceptionMessage>Closing already closed Job not allowed</exceptionMessage></error>"#
        )
    }

    func testCloseThenCloseAgainJSON() throws {
        let id = job(SimJobSpec(jobType: .classic, state: "Open"))
        let closed = try http("POST", "\(v1)/job/\(id)", headers: session(json: true), body: #"{ "state" : "Closed" }"#)
        XCTAssertEqual(closed.status, 200)
        XCTAssertEqual(closed.object["state"] as? String, "Closed")
        let again = try http("POST", "\(v1)/job/\(id)", headers: session(json: true), body: #"{"state":"Closed"}"#)
        XCTAssertEqual(again.status, 400)
        XCTAssertEqual(
            again.body,
            #"{"exceptionCode":"InvalidJobState","exceptionMessage":"Closing already closed Job not allowed"}"#)
    }

    func testAbortClosedJobThenAbortAgain() throws {
        let id = job(SimJobSpec(jobType: .classic, state: "Closed"))
        let aborted = try http("POST", "\(v1)/job/\(id)", headers: session(json: true), body: #"{"state":"Aborted"}"#)
        XCTAssertEqual(aborted.object["state"] as? String, "Aborted")
        let again = try http("POST", "\(v1)/job/\(id)", headers: session(json: true), body: #"{"state":"Aborted"}"#)
        XCTAssertEqual(
            again.body,
            #"{"exceptionCode":"InvalidJobState","exceptionMessage":"Aborting already aborted Job not allowed"}"#)
    }

    func testUnknownJobAndV2JobAreInvalidJob() throws {
        let v2Job = job(SimJobSpec(jobType: .v2Ingest))
        for id in [v2Job, "7508d0000000001AAA"] {
            let result = try http("GET", "\(v1)/job/\(id)", headers: session(json: true))
            XCTAssertEqual(result.status, 400)
            XCTAssertEqual(result.object["exceptionCode"] as? String, "InvalidJob")
        }
    }

    func testBadSessionIsInvalidSessionId() throws {
        let id = job(SimJobSpec(jobType: .classic))
        let result = try http("GET", "\(v1)/job/\(id)", headers: ["X-SFDC-Session": "expired"])
        XCTAssertEqual(result.status, 400)
        XCTAssertEqual(
            result.body,
            #"<?xml version="1.0" encoding="UTF-8"?><error xmlns="\#(namespace)"><exceptionCode>InvalidSessionId</exceptionCode><exceptionMessage>Invalid session id</exceptionMessage></error>"#
        )
        let json = try http(
            "GET", "\(v1)/job/\(id)", headers: ["X-SFDC-Session": "expired", "Accept": "application/json"])
        XCTAssertEqual(json.body, #"{"exceptionCode":"InvalidSessionId","exceptionMessage":"Invalid session id"}"#)
    }

    func testStuckPKChunkedQueryHasNotProcessedOriginalAndCompletedChunks() throws {
        let id = job(
            SimJobSpec(jobType: .classic, state: "Open", ageSeconds: 86_400, pkChunking: true, records: 450_000))
        let list = try http("GET", "\(v1)/job/\(id)/batch", headers: session(json: false))
        XCTAssertEqual(list.status, 200)
        XCTAssertTrue(list.body.contains("<batchInfoList xmlns=\"\(namespace)\"><batchInfo><id>751"), list.body)
        let states = server.job(id)?.batchStates ?? []
        XCTAssertEqual(states, ["NotProcessed"] + Array(repeating: "Completed", count: 5))
        XCTAssertEqual(server.job(id)?.state, "Open")
        let info = try http("GET", "\(v1)/job/\(id)", headers: session(json: true)).object
        XCTAssertEqual(info["numberBatchesTotal"] as? Int, 6)
        XCTAssertEqual(info["numberBatchesCompleted"] as? Int, 5)
        XCTAssertEqual(info["numberRecordsProcessed"] as? Int, 450_000)
    }

    func testPKChunkingOverHTTPSplitsTheQueryAsTimePasses() throws {
        var headers = session(json: false)
        headers["Sforce-Enable-PKChunking"] = "chunkSize=100000"
        let created = try http(
            "POST", "\(v1)/job", headers: headers,
            body:
                #"<?xml version="1.0" encoding="UTF-8"?><jobInfo xmlns="\#(namespace)"><operation>query</operation><object>Account</object><contentType>CSV</contentType></jobInfo>"#
        )
        XCTAssertEqual(created.status, 201, created.body)
        let id = try XCTUnwrap(
            created.body.range(of: "750[A-Za-z0-9]{15}", options: .regularExpression).map { String(created.body[$0]) })
        let batch = try http(
            "POST", "\(v1)/job/\(id)/batch",
            headers: ["X-SFDC-Session": server.accessToken, "Content-Type": "text/csv"],
            body: "SELECT Id FROM Account")
        XCTAssertEqual(batch.status, 201)
        XCTAssertTrue(batch.body.contains("<state>Queued</state>"), batch.body)
        server.advanceClock(by: 2)
        XCTAssertEqual(server.job(id)?.batchStates, ["InProgress"])
        server.advanceClock(by: 10)
        let states = try XCTUnwrap(server.job(id)?.batchStates)
        XCTAssertEqual(states.first, "NotProcessed")
        XCTAssertGreaterThan(states.count, 1)
        server.advanceClock(by: 60)
        XCTAssertEqual(server.job(id)?.batchStates.dropFirst().allSatisfy { $0 == "Completed" }, true)
        XCTAssertEqual(server.job(id)?.state, "Open")
        let closed = try http("POST", "\(v1)/job/\(id)", headers: session(json: true), body: #"{"state":"Closed"}"#)
        XCTAssertEqual(closed.object["state"] as? String, "Closed")
    }

    func testBatchInfoAndUnknownBatch() throws {
        let id = job(SimJobSpec(jobType: .classic, state: "Closed", ageSeconds: 3600, batches: 1, contentType: "JSON"))
        let list = try http("GET", "\(v1)/job/\(id)/batch", headers: ["X-SFDC-Session": server.accessToken])
        let batches = try XCTUnwrap(list.object["batchInfo"] as? [[String: Any]])
        XCTAssertEqual(batches.count, 1)
        let batchID = try XCTUnwrap(batches[0]["id"] as? String)
        let one = try http("GET", "\(v1)/job/\(id)/batch/\(batchID)", headers: session(json: false))
        XCTAssertEqual(one.object["jobId"] as? String, id, "batches of a JSON job answer in JSON")
        XCTAssertEqual(one.object["state"] as? String, "Completed")
        let missing = try http("GET", "\(v1)/job/\(id)/batch/7518d0000000001AAA", headers: session(json: false))
        XCTAssertEqual(missing.status, 400)
        XCTAssertEqual(missing.object["exceptionCode"] as? String, "InvalidBatch")
    }

    func testBatchOnClosedJobIsRefused() throws {
        let id = job(SimJobSpec(jobType: .classic, state: "Closed"))
        let result = try http("POST", "\(v1)/job/\(id)/batch", headers: session(json: true), body: "[]")
        XCTAssertEqual(result.status, 400)
        XCTAssertEqual(result.object["exceptionCode"] as? String, "InvalidJobState")
    }
}
