import Foundation
import Simulator
import XCTest

final class Bulk2Tests: SimulatorTestCase {
    func testIngestJobInfoHasSalesforceFieldsAndTypes() throws {
        let id = job(SimJobSpec(jobType: .v2Ingest, state: "Open", object: "Contact", operation: "insert"))
        let result = try http("GET", "\(v2)/jobs/ingest/\(id)", headers: bearer)
        XCTAssertEqual(result.status, 200)
        XCTAssertTrue(result.body.contains("\"apiVersion\":66.0"), result.body)
        let job = result.object
        XCTAssertEqual(job["id"] as? String, id)
        XCTAssertEqual(job["object"] as? String, "Contact")
        XCTAssertEqual(job["state"] as? String, "Open")
        XCTAssertEqual(job["jobType"] as? String, "V2Ingest")
        XCTAssertEqual(job["contentUrl"] as? String, "services/data/v66.0/jobs/ingest/\(id)/batches")
        XCTAssertEqual(job["retries"] as? Int, 0)
        XCTAssertNotNil(job["numberRecordsFailed"] as? Int)
        XCTAssertNil(job["errorMessage"])
        let created = try XCTUnwrap(job["createdDate"] as? String)
        XCTAssertNotNil(
            created.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$"#, options: .regularExpression))
    }

    func testFifteenCharacterIDIsAccepted() throws {
        let id = job(SimJobSpec(jobType: .v2Ingest))
        let result = try http("GET", "\(v2)/jobs/ingest/\(id.prefix(15))", headers: bearer)
        XCTAssertEqual(result.status, 200)
        XCTAssertEqual(result.object["id"] as? String, id)
    }

    func testQueryJobInfo() throws {
        let id = job(SimJobSpec(jobType: .v2Query, state: "JobComplete", object: "Account", records: 740))
        let job = try http("GET", "\(v2)/jobs/query/\(id)", headers: bearer).object
        XCTAssertEqual(job["jobType"] as? String, "V2Query")
        XCTAssertEqual(job["state"] as? String, "JobComplete")
        XCTAssertEqual(job["numberRecordsProcessed"] as? Int, 740)
        XCTAssertEqual(job["isPkChunkingSupported"] as? Bool, true)
        XCTAssertNil(job["numberRecordsFailed"])
    }

    func testFailedJobCarriesErrorMessage() throws {
        let id = job(
            SimJobSpec(jobType: .v2Ingest, state: "Failed", ageSeconds: 3600, errorMessage: "InvalidBatch : boom"))
        let job = try http("GET", "\(v2)/jobs/ingest/\(id)", headers: bearer).object
        XCTAssertEqual(job["state"] as? String, "Failed")
        XCTAssertEqual(job["errorMessage"] as? String, "InvalidBatch : boom")
    }

    func testUnknownAndCrossKindJobsAreNotFound() throws {
        let notFound = #"[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]"#
        let ingest = job(SimJobSpec(jobType: .v2Ingest))
        let classic = job(SimJobSpec(jobType: .classic))
        for url in [
            "\(v2)/jobs/query/\(ingest)", "\(v2)/jobs/ingest/\(classic)", "\(v2)/jobs/ingest/7508d0000000001AAA",
        ] {
            let result = try http("GET", url, headers: bearer)
            XCTAssertEqual(result.status, 404, url)
            XCTAssertEqual(result.body, notFound, url)
        }
    }

    func testBadTokenIsInvalidSession() throws {
        let id = job(SimJobSpec(jobType: .v2Ingest))
        for headers in [["Authorization": "Bearer nope"], [:]] {
            let result = try http("GET", "\(v2)/jobs/ingest/\(id)", headers: headers)
            XCTAssertEqual(result.status, 401)
            XCTAssertEqual(result.body, #"[{"errorCode":"INVALID_SESSION_ID","message":"Session expired or invalid"}]"#)
        }
    }

    func testCloseOpenIngestJobThenCloseAgainIsRefused() throws {
        let id = job(SimJobSpec(jobType: .v2Ingest, state: "Open"))
        let closed = try http(
            "PATCH", "\(v2)/jobs/ingest/\(id)", headers: bearer, body: #"{"state" : "UploadComplete"}"#)
        XCTAssertEqual(closed.status, 200)
        XCTAssertEqual(closed.object["state"] as? String, "UploadComplete")
        XCTAssertNil(closed.object["contentUrl"])
        let again = try http("PATCH", "\(v2)/jobs/ingest/\(id)", headers: bearer, body: #"{"state":"UploadComplete"}"#)
        XCTAssertEqual(again.status, 400)
        XCTAssertEqual(
            again.body, #"[{"errorCode":"INVALIDJOBSTATE","message":"Closing already UploadComplete Job not allowed"}]"#
        )
    }

    func testAbortingCompletedJobIsRefused() throws {
        for (kind, path) in [(SimJobType.v2Ingest, "ingest"), (.v2Query, "query")] {
            let id = job(SimJobSpec(jobType: kind, state: "JobComplete", ageSeconds: 600))
            let result = try http("PATCH", "\(v2)/jobs/\(path)/\(id)", headers: bearer, body: #"{"state":"Aborted"}"#)
            XCTAssertEqual(result.status, 400)
            XCTAssertEqual(
                result.body,
                #"[{"errorCode":"INVALIDJOBSTATE","message":"Aborting already Completed Job not allowed"}]"#)
        }
    }

    func testAbortInProgressQueryJob() throws {
        let id = job(SimJobSpec(jobType: .v2Query, state: "InProgress"))
        let result = try http("PATCH", "\(v2)/jobs/query/\(id)", headers: bearer, body: #"{"state":"Aborted"}"#)
        XCTAssertEqual(result.status, 200)
        XCTAssertEqual(result.object["state"] as? String, "Aborted")
        XCTAssertEqual(server.job(id)?.state, "Aborted")
    }

    func testQueryJobCannotBeClosed() throws {
        let id = job(SimJobSpec(jobType: .v2Query))
        let result = try http("PATCH", "\(v2)/jobs/query/\(id)", headers: bearer, body: #"{"state":"UploadComplete"}"#)
        XCTAssertEqual(result.status, 400)
        XCTAssertTrue(result.body.contains("INVALIDJOBSTATE"), result.body)
    }

    func testMalformedPatchBody() throws {
        let id = job(SimJobSpec(jobType: .v2Ingest))
        let result = try http("PATCH", "\(v2)/jobs/ingest/\(id)", headers: bearer, body: "{state")
        XCTAssertEqual(result.status, 400)
        XCTAssertTrue(result.body.contains("JSON_PARSER_ERROR"), result.body)
    }

    func testDeleteOnlyInTerminalStates() throws {
        let notTerminated =
            #"[{"errorCode":"API_ERROR","message":"Error encountered when deleting the job because the job is not terminated"}]"#
        let open = job(SimJobSpec(jobType: .v2Ingest, state: "Open"))
        let refused = try http("DELETE", "\(v2)/jobs/ingest/\(open)", headers: bearer)
        XCTAssertEqual(refused.status, 400)
        XCTAssertEqual(refused.body, notTerminated)
        let queued = job(SimJobSpec(jobType: .v2Query, state: "UploadComplete"))
        XCTAssertEqual(try http("DELETE", "\(v2)/jobs/query/\(queued)", headers: bearer).body, notTerminated)

        let uploaded = job(SimJobSpec(jobType: .v2Ingest, state: "UploadComplete"))
        XCTAssertEqual(try http("DELETE", "\(v2)/jobs/ingest/\(uploaded)", headers: bearer).status, 204)
        for state in ["JobComplete", "Aborted", "Failed"] {
            let id = job(SimJobSpec(jobType: .v2Query, state: state, ageSeconds: 60))
            let deleted = try http("DELETE", "\(v2)/jobs/query/\(id)", headers: bearer)
            XCTAssertEqual(deleted.status, 204, state)
            XCTAssertEqual(deleted.body, "")
            XCTAssertEqual(try http("GET", "\(v2)/jobs/query/\(id)", headers: bearer).status, 404)
            XCTAssertEqual(try http("DELETE", "\(v2)/jobs/query/\(id)", headers: bearer).status, 404)
        }
    }

    func testIngestJobLifecycleOverHTTP() throws {
        let created = try http(
            "POST", "\(v2)/jobs/ingest", headers: bearer.merging(["Content-Type": "application/json"]) { $1 },
            body: #"{"object":"Account","operation":"upsert","externalIdFieldName":"Ext__c","lineEnding":"LF"}"#)
        XCTAssertEqual(created.status, 200)
        XCTAssertEqual(created.object["state"] as? String, "Open")
        XCTAssertEqual(created.object["externalIdFieldName"] as? String, "Ext__c")
        let id = try XCTUnwrap(created.object["id"] as? String)
        let upload = try http(
            "PUT", "\(v2)/jobs/ingest/\(id)/batches", headers: bearer.merging(["Content-Type": "text/csv"]) { $1 },
            body: "Name,Ext__c\nA,1\nB,2\nC,3\n")
        XCTAssertEqual(upload.status, 201)
        XCTAssertEqual(
            try http("PATCH", "\(v2)/jobs/ingest/\(id)", headers: bearer, body: #"{"state":"UploadComplete"}"#).status,
            200)
        server.advanceClock(by: 3)
        XCTAssertEqual(
            try http("GET", "\(v2)/jobs/ingest/\(id)", headers: bearer).object["state"] as? String, "InProgress")
        server.advanceClock(by: 10)
        let done = try http("GET", "\(v2)/jobs/ingest/\(id)", headers: bearer).object
        XCTAssertEqual(done["state"] as? String, "JobComplete")
        XCTAssertEqual(done["numberRecordsProcessed"] as? Int, 3)
    }

    func testCreateIngestJobNeedsAnOperation() throws {
        let result = try http(
            "POST", "\(v2)/jobs/ingest", headers: bearer, body: #"{"object":"Account","operation":"merge"}"#)
        XCTAssertEqual(result.status, 400)
        XCTAssertTrue(result.body.contains("INVALIDJOB"), result.body)
    }

    func testQueryJobLifecycleOverHTTP() throws {
        let created = try http(
            "POST", "\(v2)/jobs/query", headers: bearer, body: #"{"operation":"query","query":"SELECT Id FROM Lead"}"#)
        XCTAssertEqual(created.status, 200)
        XCTAssertEqual(created.object["state"] as? String, "UploadComplete")
        XCTAssertEqual(created.object["object"] as? String, "Lead")
        let id = try XCTUnwrap(created.object["id"] as? String)
        server.advanceClock(by: 60)
        XCTAssertEqual(server.job(id)?.state, "JobComplete")
    }

    func testLimitsAndUsageHeader() throws {
        let first = try http("GET", "\(v2)/limits", headers: bearer)
        XCTAssertEqual(first.status, 200)
        let daily = try XCTUnwrap(first.object["DailyApiRequests"] as? [String: Int])
        XCTAssertEqual(daily["Max"], 100_000)
        XCTAssertEqual(daily["Remaining"], 100_000 - 1)
        XCTAssertNotNil(first.object["DailyBulkV2QueryJobs"])
        XCTAssertEqual(first.headers["sforce-limit-info"], "api-usage=1/100000")
        let second = try http("GET", "\(v2)/jobs/ingest", headers: bearer)
        XCTAssertEqual(second.headers["sforce-limit-info"], "api-usage=2/100000")
        XCTAssertEqual(server.apiRequestsUsed, 2)
    }

    func testUnknownPathIsNotFound() throws {
        let result = try http("GET", "\(v2)/sobjects/Nothing", headers: bearer)
        XCTAssertEqual(result.status, 404)
        XCTAssertTrue(result.body.contains("NOT_FOUND"))
    }
}
