import Foundation
import XCTest

/// The `sfjobs` binary started in the background, for tests that signal it or race it for a lock.
final class RunningProcess {
    let process = Process()
    private let stdout = Pipe(), stderr = Pipe()
    private var output = Data()
    private var errorOutput = Data()
    private var watchdog: DispatchWorkItem?

    init(_ arguments: [String]) throws {
        process.executableURL = SFJobsProcess.binary
        process.arguments = arguments
        process.environment = SFJobsProcess.environment(adding: [:])
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }  // never hang the suite
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
        self.watchdog = watchdog
    }

    /// Reads standard output until it holds `line`.
    func waitForLine(_ line: String) {
        read(stdout, into: &output, until: line + "\n")
    }

    /// Reads standard error until it holds `text`.
    func waitForLog(_ text: String) {
        read(stderr, into: &errorOutput, until: text)
    }

    private func read(_ pipe: Pipe, into data: inout Data, until text: String) {
        while !String(decoding: data, as: UTF8.self).contains(text) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { return XCTFail("sfjobs ended before printing \(text)") }
            data.append(chunk)
        }
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the process to end and returns what it printed.
    func finish() -> SFJobsProcess.Result {
        output.append(stdout.fileHandleForReading.readDataToEndOfFile())
        errorOutput.append(stderr.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        watchdog?.cancel()
        return SFJobsProcess.Result(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                                    stderr: String(decoding: errorOutput, as: UTF8.self))
    }
}
