import Foundation
import XCTest

/// Runs the built `sfjobs` binary (it sits next to the test bundle) and captures what it printed.
struct SFJobsProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The directory that holds the built products.
    static let productsDirectory: URL = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("sfjobs").path) && url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static var binary: URL { productsDirectory.appendingPathComponent("sfjobs") }

    /// Runs `sfjobs arguments` (or another `executable`), feeding `input` on stdin, with `environment`
    /// added to a clean environment.
    @discardableResult
    static func run(_ arguments: [String], executable: URL = binary, input: String = "", environment: [String: String] = [:],
                    directory: String? = nil, timeout: TimeInterval = 60) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = Self.environment(adding: environment)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data(), err = Data()
        group.enter()
        DispatchQueue.global().async { out = stdout.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { err = stderr.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            XCTFail("\(executable.lastPathComponent) \(arguments) did not finish in \(timeout)s")
        }
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }

    /// A clean environment (no Salesforce settings, no profile file) with `extra` added.
    static func environment(adding extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SF_") && !$0.key.hasPrefix("SFDX_") }
        env["XDG_CONFIG_HOME"] = NSTemporaryDirectory() + "sfjobs-e2e-config-none"
        env["XDG_STATE_HOME"] = NSTemporaryDirectory() + "sfjobs-e2e-state"
        env.merge(extra) { $1 }
        return env
    }

    /// Writes `text` to a new temporary file and returns its path.
    static func temporaryScript(_ text: String, name: String = "script.lua") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfjobs-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
