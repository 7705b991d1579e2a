import Foundation
import Logging
import Simulator
import Testing

@testable import SalesforceBulk

/// The URL handle a transfer keeps between exchanges: only a plain path and query under the same
/// origin skip libcurl's parse, and every exchange reaches the URL it was given.
struct CurlLocationTests {
    @Test func onlyPlainPathsAndQueriesUnderTheSameOriginAreReplacedInPlace() {
        let origin = "https://example.my.salesforce.com"
        func parts(_ rest: String, under base: String = origin) -> [String?]? {
            var url = base + rest
            return url.withUTF8 { bytes in
                CurlLocation.plainPathAndQuery(in: bytes, after: Array(origin.utf8)).map { split in
                    let text = { (range: Range<Int>) in String(decoding: bytes[range], as: UTF8.self) }
                    return [text(split.pathStart..<split.pathEnd), split.queryStart.map { text($0..<bytes.count) }]
                }
            }
        }
        #expect(parts("/services/data/v66.0/jobs/ingest/750D0000000001AAAQ") == ["/services/data/v66.0/jobs/ingest/750D0000000001AAAQ", nil])
        #expect(parts("/services/data/v66.0/jobs/ingest?isPkChunkingEnabled=false&jobType=V2Ingest")
                == ["/services/data/v66.0/jobs/ingest", "isPkChunkingEnabled=false&jobType=V2Ingest"])
        #expect(parts("/a?b?c") == ["/a", "b?c"])
        #expect(parts("/a/%20b") == ["/a/%20b", nil])
        // libcurl's parser would change these, or reject them: they are parsed anew.
        for rest in ["/a/../b", "/a/./b", "/.hidden", "/a b", "/a#top", "/a?", "/é", "/a\r\nX: y", "/a\\b", "", "?q=1", ":8443/a", "x/a"] {
            #expect(parts(rest) == nil, "\(rest)")
        }
        #expect(parts("/a", under: "https://other.my.salesforce.com") == nil)
        #expect(parts("/a", under: "https://example.my.salesforce.co") == nil)
    }

    /// Every byte at every place of a path (so at every position within the eight-byte words the scan
    /// reads at once), and a dot after a slash at every place: split as a byte-by-byte reading splits them.
    @Test func everyByteAtEveryPlaceIsJudgedAsByteByByte() {
        let origin = Array("https://example.my.salesforce.com".utf8)
        let filler = Array("/services/data/v66/jobs/ingest/7508d000000GmaQAAS".utf8)
        func split(_ path: [UInt8]) -> [Int?]? {
            (origin + path).withUnsafeBufferPointer { url in
                CurlLocation.plainPathAndQuery(in: url, after: origin).map { [$0.pathStart, $0.pathEnd, $0.queryStart] }
            }
        }
        var checked = 0
        for place in 1..<20 {
            for byte in UInt8.min...UInt8.max {
                var path = filler
                path[place] = byte
                #expect(split(path) == Self.byteByByte(origin + path, originCount: origin.count), "byte \(byte) at \(place)")
                checked += 1
            }
            var dotted = filler
            dotted[place - 1] = UInt8(ascii: "/")
            dotted[place] = UInt8(ascii: ".")
            #expect(split(dotted) == nil, "/. at \(place)")
        }
        #expect(CurlLocation.lettersDigitsOrSlashes(0x2F61_7A41_5A30_392F))  // "/90ZAza/" read little-endian
        #expect(checked == 19 * 256)
    }

    /// The plain-path rule read one byte at a time: where the path, and the query when there is one, start and end.
    private static func byteByByte(_ url: [UInt8], originCount: Int) -> [Int?]? {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?%=&+,;:@!$*'()".utf8)
        guard url.count > originCount, url[originCount] == UInt8(ascii: "/") else { return nil }
        var questionMark: Int?
        for index in originCount..<url.count {
            guard plain.contains(url[index]) else { return nil }
            if url[index] == UInt8(ascii: "."), url[index - 1] == UInt8(ascii: "/") { return nil }
            if url[index] == UInt8(ascii: "?"), questionMark == nil { questionMark = index }
        }
        guard let questionMark else { return [originCount, url.count, nil] }
        return questionMark + 1 < url.count ? [originCount, questionMark, questionMark + 1] : nil
    }

    @Test func everyExchangeReachesTheURLItWasGiven() async throws {
        let org = try await SimulatedOrg.start()
        let other = try await SimulatedOrg.start()
        defer { Task { await org.stop(); await other.stop() } }
        let first = org.job(SimJobSpec(jobType: .v2Ingest, state: "Open"))
        let second = org.job(SimJobSpec(jobType: .v2Ingest, state: "Open"))
        let elsewhere = other.job(SimJobSpec(jobType: .v2Ingest, state: "Open"))
        let jobs = "/services/data/v\(ConnectionSettings.defaultAPIVersion)/jobs/ingest"
        let here = (org.server.baseURL + jobs, org.server.accessToken)
        let there = (other.server.baseURL + jobs, other.server.accessToken)
        let outcomes = try await Self.exchangeInTurn([
            (here.0 + "?isPkChunkingEnabled=false", here.1),
            (here.0 + "/" + first, here.1),  // the query goes
            (here.0 + "/../ingest/" + second, here.1),  // a dot segment: parsed by libcurl
            (there.0 + "/" + elsewhere, there.1),  // another origin
            (here.0 + "/" + second, here.1),  // and back
            (here.0 + "/a b", here.1),  // rejected by libcurl: nothing is sent
            (here.0 + "/" + first, here.1),
        ])
        #expect(outcomes.map(\.status) == [200, 200, 200, 200, 200, nil, 200])
        #expect(outcomes[5].failure == "URL_MALFORMAT")
        #expect(outcomes.map(\.jobID) == [nil, first, second, elsewhere, second, nil, first])
        let seen = org.server.requestLog.map { [$0.path, $0.query] }
        let expected: [[String?]] = [
            [jobs, "isPkChunkingEnabled=false"], [jobs + "/" + first, nil], [jobs + "/" + second, nil],
            [jobs + "/" + second, nil], [jobs + "/" + first, nil],
        ]
        #expect(seen == expected)
        #expect(other.server.requestLog.map(\.path) == [jobs + "/" + elsewhere])
    }

    @Test func aRequestLibcurlRepeatsOnAFreshConnectionGoesToTheSameURL() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let first = org.job(SimJobSpec(jobType: .v2Ingest, state: "Open"))
        let second = org.job(SimJobSpec(jobType: .v2Ingest, state: "Open"))
        let jobs = try await org.run { (client) throws(SalesforceError) in
            let before = try client.jobInfo(JobID(first), type: .ingest)
            // The kept-alive connection closes on the next request without an answer.
            org.server.inject(SimFault(.drop, count: 1))
            return [before.id, try client.jobInfo(JobID(second), type: .ingest).id]
        }.get()
        #expect(jobs == [first, second])
        let jobPath = "/services/data/v\(ConnectionSettings.defaultAPIVersion)/jobs/ingest/"
        #expect(org.requests == ["GET \(jobPath)\(first)", "GET \(jobPath)\(second)", "GET \(jobPath)\(second)"])
    }

    /// What one exchange gave: the status and the answer's job id, or libcurl's failure code.
    struct Outcome: Sendable {
        var status: Int?
        var jobID: String?
        var failure: String?
    }

    /// Makes a GET to each URL in turn with its token on one transport (so one transfer and its
    /// URL handle are reused), on a thread of its own while the simulators answer.
    static func exchangeInTurn(_ requests: [(url: String, token: String)]) async throws -> [Outcome] {
        try CurlLibrary.load()
        return await withCheckedContinuation { continuation in
            Thread {
                let transport = CurlTransport(logger: Logger(label: "test"), userAgent: "sfjobs-test")
                var outcomes: [Outcome] = []
                for (tag, request) in requests.enumerated() {
                    let http = HTTPRequest(
                        method: .get, url: request.url, headers: ["Authorization: Bearer " + request.token], body: nil,
                        allowsHTTP: true, timeoutMilliseconds: 10_000)
                    _ = transport.start(http, tag: tag)
                    var finished = transport.completions()
                    while finished.isEmpty {
                        transport.poll(milliseconds: 100)
                        finished = transport.completions()
                    }
                    switch finished[0].outcome {
                    case .success(let response):
                        let id = JSONValue.parse(response.body)?["id"]?.stringValue
                        outcomes.append(Outcome(status: response.status, jobID: id))
                    case .failure(let failure):
                        outcomes.append(Outcome(failure: failure.code))
                    }
                }
                continuation.resume(returning: outcomes)
            }.start()
        }
    }
}
