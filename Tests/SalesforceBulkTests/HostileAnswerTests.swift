import Foundation
import Testing

@testable import SalesforceBulk

/// Answers a real org never gives, from a ``CannedServer``: each ends the call with the documented
/// error, at once, without leaking the credentials the client holds.
@Suite(.serialized) struct HostileAnswerTests {
    static let asked = "7508d000000Gma9AAC"
    static let other = "7508d000000GmaBAAS"

    /// A Bulk 2.0 ingest job answer; `fields` replace or add members (JSON texts).
    static func job(_ id: String = asked, state: String = "Open", _ fields: [String: String] = [:]) -> String {
        var members: [(String, String)] = [
            ("id", "\"\(id)\""), ("operation", "\"insert\""), ("object", "\"Account\""), ("createdDate", "\"2026-10-15T08:03:51.504+0000\""),
            ("state", "\"\(state)\""), ("apiVersion", "66.0"), ("jobType", "\"V2Ingest\""), ("numberRecordsProcessed", "0"), ("retries", "0"),
        ]
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            if let index = members.firstIndex(where: { $0.0 == name }) { members[index].1 = value } else { members.append((name, value)) }
        }
        return "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    static func settings(_ server: CannedServer, token: String = "00Dcanned!server", timeout: Int = 5000) -> ConnectionSettings {
        ConnectionSettings(instanceURL: server.url, accessToken: token, timeoutMilliseconds: timeout)
    }

    // MARK: - An answer about another job

    @Test func anAnswerAboutAnotherJobIsABadResponse() async throws {
        let server = try CannedServer { request in
            CannedServer.response(200, Self.job(Self.other, state: request.method == "PATCH" ? "UploadComplete" : "Open"))
        }
        defer { server.stop() }
        let read = await SimulatedOrg.run(Self.settings(server)) { (client) throws(SalesforceError) in
            try client.jobInfo(JobID(Self.asked), type: .ingest)
        }.error
        #expect(read?.kind == .protocol && read?.code == "BAD_RESPONSE" && read?.jobID == Self.asked)
        #expect(read?.message == "the answer is about job \(Self.other), not \(Self.asked)")
        let close = await SimulatedOrg.run(Self.settings(server)) { (client) throws(SalesforceError) in
            try client.closeJob(JobID(Self.asked), state: .closed, type: .ingest)
        }.error
        #expect(close?.kind == .protocol && close?.code == "BAD_RESPONSE")
        #expect(close?.message == "the answer is about job \(Self.other), not \(Self.asked)")
    }

    @Test func theSameJobInItsFifteenCharacterFormIsAccepted() async throws {
        let server = try CannedServer { _ in CannedServer.response(200, Self.job(String(Self.asked.prefix(15)))) }
        defer { server.stop() }
        let job = try await SimulatedOrg.run(Self.settings(server)) { (client) throws(SalesforceError) in
            try client.jobInfo(JobID(Self.asked), type: .ingest)
        }.get()
        #expect(job.state == "Open")
    }

    // MARK: - A list that points back to a page

    @Test func aListThatPointsBackToAPageReadIsABadResponse() async throws {
        let server = try CannedServer { request in
            // A list that gave up would end here.
            if request.number > 10 { return CannedServer.response(200, #"{"done":true,"records":[]}"#) }
            // The first page leads to a second, which leads back to the first.
            let next = request.path.hasSuffix("/page2") ? String(request.path.dropLast("/page2".count)) : request.path + "/page2"
            return CannedServer.response(200, #"{"done":false,"records":[\#(Self.job())],"nextRecordsUrl":"\#(next)"}"#)
        }
        defer { server.stop() }
        let error = await SimulatedOrg.run(Self.settings(server)) { (client) throws(SalesforceError) in
            try client.jobPages(JobFilter(type: .ingest)).all()
        }.error
        #expect(error?.kind == .protocol && error?.code == "BAD_RESPONSE")
        #expect(error?.message.hasPrefix("the job list repeats a page: nextRecordsUrl points back to /services/data/v66.0/jobs/ingest") == true)
        #expect(server.requests.count == 2)
    }

    // MARK: - Retry-After beyond what the call may wait

    @Test func aRetryAfterLongerThanThePolicyAllowsEndsTheCallAtOnce() async throws {
        let server = try CannedServer { _ in
            CannedServer.response(503, #"[{"errorCode":"SERVER_UNAVAILABLE","message":"busy"}]"#, extra: ["Retry-After: 3600"])
        }
        defer { server.stop() }
        let started = Date()
        let error = await SimulatedOrg.run(Self.settings(server, timeout: 120_000), retry: .standard) { (client) throws(SalesforceError) in
            try client.jobInfo(JobID(Self.asked), type: .ingest)
        }.error
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(server.requests.count == 1)
        #expect(error?.kind == .rest && error?.code == "SERVER_UNAVAILABLE" && error?.status == 503 && error?.retryable == true)
        #expect(error?.message == "busy (the server asked to wait 3600 s before another attempt; the retry policy waits at most 30 s)")
    }

    @Test func aRetryAfterLongerThanTheCallsTimeLeftEndsTheCallAtOnce() async throws {
        let server = try CannedServer { _ in CannedServer.response(429, "", extra: ["Retry-After: 20"]) }
        defer { server.stop() }
        let started = Date()
        let error = await SimulatedOrg.run(Self.settings(server, timeout: 3000), retry: .standard) { (client) throws(SalesforceError) in
            try client.jobInfo(JobID(Self.asked), type: .ingest)
        }.error
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(server.requests.count == 1)
        #expect(error?.status == 429 && error?.retryable == true)
        #expect(error?.message.hasSuffix("(the server asked to wait 20 s before another attempt; the call has 3 s left)") == true, "\(error?.message ?? "")")
    }

    // MARK: - Secrets echoed by the server

    @Test(arguments: [
        "plainOpaqueAccessTokenXYZ987654321",
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcHMifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg",
    ])
    func aTokenEchoedByTheServerIsMasked(token: String) async throws {
        let server = try CannedServer { request in
            switch request.path.components(separatedBy: "/").last?.prefix(15) {
            case "7508d000000Gma1":
                CannedServer.response(400, #"[{"errorCode":"INVALID_FIELD","message":"bad value for session \#(token)"}]"#)
            case "7508d000000Gma2":
                CannedServer.response(200, "<html>your token is \(token)</html>", contentType: "text/html")
            default:
                // Cut short by the 120-character excerpt of the body.
                CannedServer.response(500, "<html>" + String(repeating: "x", count: 100) + token + "</html>", contentType: "text/html")
            }
        }
        defer { server.stop() }
        let errors = await SimulatedOrg.run(Self.settings(server, token: token), retry: SimulatedOrg.quickRetries) { (client) -> [SalesforceError] in
            ["7508d000000Gma1", "7508d000000Gma2", "7508d000000Gma3"].map { id in
                do throws(SalesforceError) {
                    _ = try client.jobInfo(JobID(id), type: .ingest)
                    return SalesforceError(kind: .rest, code: "NONE", message: "the call succeeded")
                } catch {
                    return error
                }
            }
        }
        let described = try errors.get().map(\.description)
        #expect(described.count == 3)
        for text in described {
            #expect(!text.contains(token.prefix(8)), "\(text)")
            #expect(text.contains(Redaction.mask), "\(text)")
        }
        #expect(described[0].hasPrefix("rest error INVALID_FIELD (HTTP 400): bad value for session [REDACTED]"), "\(described[0])")
    }

    // MARK: - A header line over libcurl's limit

    @Test func aHeaderLineOverLibcurlsLimitIsHeadersTooLarge() async throws {
        let server = try CannedServer { _ in
            Array(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Big: " + String(repeating: "a", count: 300 << 10)
                + "\r\nContent-Length: 2\r\n\r\n{}").utf8)
        }
        defer { server.stop() }
        let error = await SimulatedOrg.run(Self.settings(server)) { (client) throws(SalesforceError) in
            try client.jobInfo(JobID(Self.asked), type: .ingest)
        }.error
        #expect(error?.kind == .protocol && error?.code == "HEADERS_TOO_LARGE", "\(String(describing: error))")
        #expect(error?.message == "the answer has a header line longer than libcurl accepts (100 KiB)")
        #expect(server.requests.count == 1)
    }

    // MARK: - Fields of the wrong type

    @Test(arguments: [
        ("jobType", "7", "jobType is 7, not one of V2Ingest, V2Query, Classic, BigObjectIngest"),
        ("jobType", "\"Weird\"", "jobType is \"Weird\", not one of V2Ingest, V2Query, Classic, BigObjectIngest"),
        ("createdDate", "5", "createdDate is 5, not a string"),
        ("retries", "\"x\"", "retries is \"x\", not an integer"),
        ("numberRecordsProcessed", "1e+23", "numberRecordsProcessed is 1e+23, not an integer"),
        ("state", "[\"Open\"]", "state is an array, not a string"),
        ("id", "null", "id is null, not a string"),
    ])
    func aFieldOfTheWrongTypeIsABadResponse(field: String, value: String, problem: String) async throws {
        let server = try CannedServer { _ in CannedServer.response(200, Self.job(Self.asked, [field: value])) }
        defer { server.stop() }
        let error = await SimulatedOrg.run(Self.settings(server)) { (client) throws(SalesforceError) in
            try client.jobInfo(JobID(Self.asked), type: .ingest)
        }.error
        #expect(error?.kind == .protocol && error?.code == "BAD_RESPONSE" && error?.status == 200)
        #expect(error?.message == "the job's \(problem)")
    }
}
