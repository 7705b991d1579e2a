import Foundation
import XCTest

/// A server that answers with too much, too slowly or the wrong thing: each call ends within its
/// timeout with a `protocol` or `timeout` error, the process's memory stays bounded, and the
/// answer is not asked for again.
final class HostileServerTests: XCTestCase {
    private var org: SimulatorFixture!
    private var jobID = ""

    override func setUpWithError() throws {
        org = try SimulatorFixture(clockSpeed: 0)
        jobID = try org.createJob(["jobType": "V2Ingest", "state": "Open"])
    }

    override func tearDown() {
        org = nil
    }

    /// The call reads a job with a 3 s timeout and prints: kind, code, seconds taken, peak resident kB, message.
    private static let script = """
        local id = ...
        local conn = sf.connect{timeout = 3000}
        local started = sf.now()
        local ok, err = pcall(conn.job_info, conn, id, "ingest")
        local seconds = sf.now() - started
        local peak
        for line in io.lines("/proc/self/status") do peak = peak or tonumber(line:match("^VmHWM:%s*(%d+)")) end
        assert(not ok, "the call succeeded")
        print(err.kind, err.code, string.format("%.2f", seconds), peak)
        print(err.message)
        """

    private struct Outcome {
        var kind: String
        var code: String
        var seconds: Double
        var peakKilobytes: Int
        var message: String
    }

    private func call(under fault: [String: Any], file: StaticString = #filePath, line: UInt = #line) throws -> Outcome {
        try org.addFault(fault.merging(["count": 5, "path": "/services/data/"]) { old, _ in old })
        try org.clearRequests()
        let result = try org.run(Self.script, arguments: [jobID])
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let fields = lines.first?.split(separator: "\t").map(String.init) ?? []
        guard fields.count == 4 else {
            XCTFail("unexpected output: \(result.stdout) \(result.stderr)", file: file, line: line)
            return Outcome(kind: "", code: "", seconds: 0, peakKilobytes: 0, message: "")
        }
        let apiCalls = try org.requests().filter { $0.path.contains("/jobs/ingest/") }
        XCTAssertEqual(apiCalls.count, 1, "the hostile answer was asked for again: \(apiCalls)", file: file, line: line)
        return Outcome(
            kind: fields[0], code: fields[1], seconds: Double(fields[2]) ?? -1, peakKilobytes: Int(fields[3]) ?? -1,
            message: lines.count > 1 ? String(lines[1]) : "")
    }

    /// Peak resident memory allowed: the process itself plus the 32 MiB body cap, with room to spare.
    private let peakLimitKilobytes = 160 * 1024

    func testAGigabyteBodyEndsAtTheBodyCap() throws {
        let outcome = try call(under: ["fault": "hugeBody"])
        XCTAssertEqual([outcome.kind, outcome.code], ["protocol", "RESPONSE_TOO_LARGE"], outcome.message)
        XCTAssertLessThan(outcome.seconds, 3.5)
        XCTAssertLessThan(outcome.peakKilobytes, peakLimitKilobytes)
        XCTAssertTrue(outcome.message.contains("32 MiB"), outcome.message)
    }

    func testEndlessHeadersEndAtTheHeaderCap() throws {
        let outcome = try call(under: ["fault": "endlessHeaders"])
        XCTAssertEqual([outcome.kind, outcome.code], ["protocol", "HEADERS_TOO_LARGE"], outcome.message)
        XCTAssertLessThan(outcome.seconds, 3.5)
        XCTAssertLessThan(outcome.peakKilobytes, peakLimitKilobytes)
    }

    func testTrulyEndlessHeadersEndAtTheHeaderCap() throws {
        let endless = try org.endlessHeadersURL()
        let result = try org.run(Self.script, arguments: [jobID], environment: ["SF_INSTANCE_URL": endless])
        XCTAssertEqual(result.status, 0, result.stderr)
        let fields = result.stdout.split(separator: "\n").first?.split(separator: "\t").map(String.init) ?? []
        XCTAssertEqual(fields.count, 4, result.stdout)
        guard fields.count == 4 else { return }
        XCTAssertEqual([fields[0], fields[1]], ["protocol", "HEADERS_TOO_LARGE"], result.stdout)
        XCTAssertLessThan(Double(fields[2]) ?? 99, 3.5)
        XCTAssertLessThan(Int(fields[3]) ?? .max, peakLimitKilobytes)
    }

    func testASlowDripEndsAsATimeoutWithinTheCallsTimeout() throws {
        let outcome = try call(under: ["fault": "slowDrip", "interval": 200])
        XCTAssertEqual([outcome.kind, outcome.code], ["timeout", "TIMEOUT"], outcome.message)
        XCTAssertGreaterThan(outcome.seconds, 2.5)
        XCTAssertLessThan(outcome.seconds, 3.5)
        XCTAssertLessThan(outcome.peakKilobytes, peakLimitKilobytes)
    }

    func testInvalidUTF8IsABadResponse() throws {
        let outcome = try call(under: ["fault": "invalidUTF8"])
        XCTAssertEqual([outcome.kind, outcome.code], ["protocol", "BAD_RESPONSE"], outcome.message)
        XCTAssertTrue(outcome.message.contains("not valid UTF-8"), outcome.message)
        XCTAssertLessThan(outcome.seconds, 3.5)
    }

    func testAnHTMLPageIsABadResponseThatSaysWhatCameBack() throws {
        let outcome = try call(under: ["fault": "wrongContentType"])
        XCTAssertEqual([outcome.kind, outcome.code], ["protocol", "BAD_RESPONSE"], outcome.message)
        XCTAssertTrue(outcome.message.hasPrefix("expected JSON or XML, got text/html with HTTP 200"), outcome.message)
        XCTAssertTrue(outcome.message.contains("<!DOCTYPE html>"), outcome.message)
        XCTAssertLessThan(outcome.seconds, 3.5)
    }

    func testTheNextCallAfterAHostileAnswerSucceeds() throws {
        try org.addFault(["fault": "hugeBody", "count": 1])
        let result = try org.run("""
            local ok, err = pcall(sf.job_info, ..., "ingest")
            print(ok, err.code)
            print(sf.job_info(..., "ingest").state)
            """, arguments: [jobID])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "false\tRESPONSE_TOO_LARGE\nOpen\n")
    }
}
