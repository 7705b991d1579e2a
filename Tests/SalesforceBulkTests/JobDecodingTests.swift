import Testing

@testable import SalesforceBulk

@Suite struct JobDecodingTests {
    @Test func classicXMLJobInfoIsNormalised() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <jobInfo xmlns="http://www.force.com/2009/06/asyncapi/dataload">
              <id>750D00000004SkLIAU</id><operation>insert</operation><object>Account</object>
              <createdDate>2015-12-15T21:41:45.000Z</createdDate><state>Open</state>
              <numberBatchesTotal>3</numberBatchesTotal><numberRetries>0</numberRetries>
              <apiVersion>36.0</apiVersion><totalProcessingTime>12</totalProcessingTime>
            </jobInfo>
            """
        let job = try #require(JobDecoding.job(from: Array(xml.utf8), fallback: .classic))
        #expect(job.jobType == .classic)
        #expect(job.fields.map(\.name) == [
            "id", "operation", "object", "createdDate", "state", "numberBatchesTotal", "numberRetries", "apiVersion",
            "totalProcessingTime", "jobType",
        ])
        #expect(job["numberBatchesTotal"] == .integer(3))
        #expect(job["apiVersion"] == .string("36.0"))
        #expect(job["createdDate"] == .string("2015-12-15T21:41:45.000Z"))
        #expect(job["jobType"] == .string("Classic"))
    }

    @Test func jsonJobInfoKeepsOrderAndTypes() throws {
        let json = """
            {"id":"750R0000000zxikIAA","operation":"query","apiVersion":46.0,"jobType":"V2Query",
             "numberRecordsProcessed":740003,"retries":0,"isPkChunkingSupported":true,
             "createdDate":"2018-12-18T22:51:36.000+0000","errorMessage":null}
            """
        let job = try #require(JobDecoding.job(from: Array(json.utf8), fallback: .v2Ingest))
        #expect(job.jobType == .v2Query)
        #expect(job["apiVersion"] == .string("46.0"))
        #expect(job["numberRecordsProcessed"] == .integer(740003))
        #expect(job["isPkChunkingSupported"] == .bool(true))
        #expect(job["errorMessage"] == .null)
        #expect(job.fields.first?.name == "id")
        #expect(job.fields.count == 9)
    }

    @Test func aNullJobTypeReadsAsTheEndpoints() throws {
        let job = try #require(JobDecoding.job(from: Array(#"{"id":"750R0000000zxikIAA","jobType":null,"state":"Open"}"#.utf8), fallback: .v2Query))
        #expect(job.jobType == .v2Query)
        #expect(job.fields.map(\.name) == ["id", "jobType", "state"])
        #expect(job["jobType"] == .string("V2Query"))
    }

    @Test func integerAPIVersionBecomesDecimalString() throws {
        let job = try #require(JobDecoding.job(from: Array(#"{"id":"750Do00000DmVvBIAV","apiVersion":59}"#.utf8), fallback: .v2Ingest))
        #expect(job["apiVersion"] == .string("59.0"))
        #expect(job["jobType"] == .string("V2Ingest"))
    }

    /// An API version read from the answer's bytes (a whole number with `.0`) reads as the one decoded
    /// from the number, and every other way of writing it is decoded.
    @Test(arguments: [
        "66.0", "0.0", "9.0", "100.0", "123456789012345.0", "1234567890123456.0", "12345678901234567.0", "66.00",
        "66.5", "0.5", "-1.0", "1e2", "10e0", "1.0e1", "66", "0",
    ])
    func apiVersionReadsTheSameFromBytesAsDecoded(number: String) throws {
        let answer = try #require(JobAnswer(Array(#"{"id":"750Do00000DmVvBIAV","apiVersion":\#(number)}"#.utf8)))
        let decoded = JobDecoding.value(named: "apiVersion", json: try #require(JSONValue.parse(Array(number.utf8))))
        #expect(answer.fields.last?.value == decoded)
        #expect(answer.value(named: "apiVersion") == decoded)
    }

    /// The answer's own check (by the kinds of its members) finds what the check of the decoded members finds.
    @Test(arguments: [
        #"{"id":"750R0000000zxikIAA","jobType":"V2Query","numberRecordsProcessed":740003,"retries":"0","createdDate":null}"#,
        #"{"id":"750R0000000zxikIAA","jobType":7}"#, #"{"id":"750R0000000zxikIAA","jobType":"Weird"}"#,
        #"{"id":"750R0000000zxikIAA","jobType":"V2Query"}"#, #"{"id":"750R0000000zxikIAA","jobType":{"a":1}}"#,
        #"{"id":"750R0000000zxikIAA","createdDate":5}"#, #"{"id":"750R0000000zxikIAA","systemModstamp":true}"#,
        #"{"id":"750R0000000zxikIAA","retries":"x"}"#, #"{"id":"750R0000000zxikIAA","retries":1.0}"#,
        #"{"id":"750R0000000zxikIAA","retries":1.5}"#, #"{"id":"750R0000000zxikIAA","numberRecordsProcessed":1e+23}"#,
        #"{"id":"750R0000000zxikIAA","numberRecordsProcessed":99999999999999999999999}"#,
        #"{"id":"750R0000000zxikIAA","totalProcessingTime":[1]}"#, #"{"id":"750R0000000zxikIAA","state":["Open"]}"#,
        #"{"id":"750R0000000zxikIAA","state":null,"object":["a"],"apiVersion":"66.0"}"#, #"{"id":7}"#, #"{"id":null}"#,
        #"{"id":"750R0000000zxikIAA","isPkChunkingSupported":"yes","operation":3}"#,
    ])
    func typeChecksAgree(json: String) throws {
        let answer = try #require(JobAnswer(Array(json.utf8)))
        let members = try #require(JSONValue.parse(Array(json.utf8))?.members)
        #expect(answer.typeProblem() == JobFieldTypes.problem(in: members))
    }

    @Test func fieldsOfTheWrongTypeAreFound() throws {
        let problem = { (json: String) in JobAnswer(Array(json.utf8))?.typeProblem() }
        #expect(problem(#"{"id":"750R0000000zxikIAA","retries":"12","createdDate":null,"object":["a"]}"#) == nil)
        #expect(problem(#"{"id":"750R0000000zxikIAA","retries":1.5}"#) == "retries is 1.5, not an integer")
        #expect(problem(#"{"id":"750R0000000zxikIAA","jobType":{"a":1}}"#) == "jobType is an object, not one of V2Ingest, V2Query, Classic, BigObjectIngest")
        let xml = "<jobInfo><id>750D00000004SkLIAU</id><numberBatchesTotal>three</numberBatchesTotal></jobInfo>"
        let job = try #require(JobDecoding.job(from: Array(xml.utf8), fallback: .classic))
        #expect(JobFieldTypes.problem(of: job, body: Array(xml.utf8)) == "numberBatchesTotal is \"three\", not an integer")
    }

    @Test func batchListsInBothFormats() throws {
        let xml = """
            <batchInfoList xmlns="http://www.force.com/2009/06/asyncapi/dataload">
            <batchInfo><id>751D0000000004rIAA</id><state>NotProcessed</state><numberRecordsProcessed>0</numberRecordsProcessed></batchInfo>
            <batchInfo><id>751D0000000004sIAA</id><state>Completed</state><numberRecordsProcessed>5</numberRecordsProcessed></batchInfo>
            </batchInfoList>
            """
        let batches = try #require(JobDecoding.batches(from: Array(xml.utf8)))
        #expect(batches.map(\.state) == ["NotProcessed", "Completed"])
        #expect(batches[1]["numberRecordsProcessed"] == .integer(5))
        let json = #"{"batchInfo":[{"id":"751D0000000004rIAA","state":"Queued","numberRecordsFailed":1}]}"#
        let fromJSON = try #require(JobDecoding.batches(from: Array(json.utf8)))
        #expect(fromJSON.first?["numberRecordsFailed"] == .integer(1))
    }

    @Test func unreadableBodiesAreRejected() {
        #expect(JobDecoding.job(from: Array("<html>oops".utf8), fallback: .classic) == nil)
        #expect(JobDecoding.job(from: Array("{\"state\":\"Open\"".utf8), fallback: .v2Ingest) == nil)
        #expect(JobDecoding.job(from: [], fallback: .v2Ingest) == nil)
    }
}
