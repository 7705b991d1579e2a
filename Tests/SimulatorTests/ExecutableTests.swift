import Foundation
import XCTest

/// Runs the built `sfjobs-simulator` the way `sfjobs demo` and scripts do.
final class ExecutableTests: XCTestCase {
    private struct Running {
        var process: Process
        var stdin: Pipe
        var exports: [String: String]
    }

    private func binary() throws -> URL {
        let tests = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let url = tests.deletingLastPathComponent().appendingPathComponent("sfjobs-simulator")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw XCTSkip("sfjobs-simulator is not built next to the tests")
        }
        return url
    }

    private func start(_ arguments: [String]) throws -> Running {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        var text = ""
        while text.components(separatedBy: "\n").count < 3 {
            let data = stdout.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            text += String(decoding: data, as: UTF8.self)
        }
        var exports: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst("export ".count)
            guard let equals = assignment.firstIndex(of: "=") else { continue }
            exports[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
        }
        let lines = text.split(separator: "\n")
        XCTAssertTrue(lines.first?.hasPrefix("export SF_INSTANCE_URL=http://127.0.0.1:") == true, text)
        XCTAssertTrue(lines.dropFirst().first?.hasPrefix("export SF_ACCESS_TOKEN=") == true, text)
        XCTAssertTrue(lines.dropFirst(2).allSatisfy { $0.hasPrefix("#") }, text)
        return Running(process: process, stdin: stdin, exports: exports)
    }

    private func waitForExit(_ process: Process, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return !process.isRunning
    }

    func testPrintsExportsServesAndExitsOnStdinEOF() throws {
        let running = try start(["--jobs", "7", "--exit-on-stdin-eof"])
        let url = try XCTUnwrap(running.exports["SF_INSTANCE_URL"])
        let token = try XCTUnwrap(running.exports["SF_ACCESS_TOKEN"])
        let list = try http(
            "GET", "\(url)/services/data/v66.0/jobs/ingest", headers: ["Authorization": "Bearer \(token)"])
        XCTAssertEqual(list.status, 200)
        try running.stdin.fileHandleForWriting.close()
        XCTAssertTrue(waitForExit(running.process))
        XCTAssertEqual(running.process.terminationStatus, 0)
    }

    func testExitsZeroOnSIGTERMAndSIGINT() throws {
        for signal in [SIGTERM, SIGINT] {
            let running = try start(["--jobs", "0"])
            kill(running.process.processIdentifier, signal)
            XCTAssertTrue(waitForExit(running.process), "signal \(signal)")
            XCTAssertEqual(running.process.terminationStatus, 0, "signal \(signal)")
            XCTAssertEqual(running.process.terminationReason, .exit)
        }
    }
}
