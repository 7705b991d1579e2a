import Foundation
import XCTest

/// `scripts/bench` runs end to end: small sizes, over the debug products these tests already built.
final class BenchScriptTests: XCTestCase {
    func testQuickBenchPrintsTheTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let process = Process()
        process.executableURL = root.appendingPathComponent("scripts/bench")
        process.arguments = ["--quick", "--debug"]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SF_") && !$0.key.hasPrefix("SFDX_") }
        environment["SFJOBS_PRODUCTS"] = SFJobsProcess.productsDirectory.path
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data(), err = Data()
        group.enter()
        DispatchQueue.global().async { out = stdout.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { err = stderr.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if group.wait(timeout: .now() + 180) == .timedOut {
            process.terminate()
            XCTFail("scripts/bench --quick --debug did not finish in 180 s")
        }
        process.waitUntilExit()
        let output = String(decoding: out, as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 0, String(decoding: err, as: UTF8.self))
        let lines = output.split(separator: "\n")
        XCTAssertTrue(lines.first?.hasPrefix("sfjobs bench (debug, quick; simulator on 127.0.0.1;") ?? false, output)
        XCTAssertTrue(lines.dropFirst(2).first?.allSatisfy { $0 == "-" || $0 == " " } ?? false, output)
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
    }
}
