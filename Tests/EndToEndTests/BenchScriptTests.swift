import Foundation
import XCTest

/// `scripts/bench` runs end to end: small sizes, over the debug products these tests already built.
final class BenchScriptTests: XCTestCase {
    func testQuickBenchPrintsTheTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let result = try SFJobsProcess.run(
            ["--quick", "--debug"], executable: root.appendingPathComponent("scripts/bench"),
            environment: ["SFJOBS_PRODUCTS": SFJobsProcess.productsDirectory.path], timeout: 180)
        let output = result.stdout
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = output.split(separator: "\n")
        XCTAssertTrue(lines.first?.hasPrefix("sfjobs bench (debug, quick; simulator on 127.0.0.1;") ?? false, output)
        XCTAssertTrue(lines.dropFirst(2).first?.allSatisfy { $0 == "-" || $0 == " " } ?? false, output)
        XCTAssertTrue(lines.dropFirst().first?.hasSuffix("libcurl in C (ratio)") ?? false, output)
        let measures = lines.enumerated().filter { $0.offset != 0 && $0.offset != 2 }
            .map { $0.element.split(separator: "  ").first.map(String.init) ?? "" }
        XCTAssertEqual(measures, [
            "measure",
            "startup, run -e 'x=1' (ms, median)",
            "job_info sequential, 50 jobs (calls/s)",
            "close_jobs c1, 50 jobs (jobs/s)",
            "close_jobs c8, 50 jobs (jobs/s)",
            "close_jobs c32, 50 jobs (jobs/s)",
            "peak RSS, 200 job_info calls (MB)",
            "RSS growth, 200 -> 1000 calls (MB)",
        ], output)
        // Closes are compared with wrk closing as many other jobs, with a ratio each.
        let closeRows = lines.filter { $0.hasPrefix("close_jobs") }
        XCTAssertEqual(closeRows.count, 3, output)
        for row in closeRows {
            XCTAssertNotNil(row.range(of: #"wrk -c\d+ PATCH \d+ +\d+\.\d\d"#, options: .regularExpression), String(row))
        }
    }
}
