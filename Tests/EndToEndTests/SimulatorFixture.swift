import Foundation
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A simulated org served by the built `sfjobs-simulator` binary, with its control API.
final class SimulatorFixture {
    let process = Process()
    private let stdin = Pipe()
    let instanceURL: String
    let accessToken: String

    /// Starts an org with `jobs` seeded jobs, running its clock `clockSpeed` times real time.
    init(jobs: Int = 0, clockSpeed: Double = 1, pageSize: Int? = nil) throws {
        process.executableURL = SFJobsProcess.productsDirectory.appendingPathComponent("sfjobs-simulator")
        var arguments = ["--port", "0", "--jobs", String(jobs), "--clock-speed", String(clockSpeed), "--exit-on-stdin-eof"]
        if let pageSize { arguments += ["--page-size", String(pageSize)] }
        process.arguments = arguments
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        var exports: [String: String] = [:]
        var text = ""
        while exports.count < 2 {
            let data = stdout.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            text += String(decoding: data, as: UTF8.self)
            for line in text.split(separator: "\n") where line.hasPrefix("export ") {
                let pair = line.dropFirst(7).split(separator: "=", maxSplits: 1)
                if pair.count == 2 { exports[String(pair[0])] = String(pair[1]) }
            }
        }
        guard let url = exports["SF_INSTANCE_URL"], let token = exports["SF_ACCESS_TOKEN"] else {
            throw NSError(domain: "SimulatorFixture", code: 1, userInfo: [NSLocalizedDescriptionKey: "no export lines: \(text)"])
        }
        instanceURL = url
        accessToken = token
    }

    deinit {
        try? stdin.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }

    /// The environment that points `sfjobs` at this org.
    var environment: [String: String] { ["SF_INSTANCE_URL": instanceURL, "SF_ACCESS_TOKEN": accessToken] }

    /// Runs `sfjobs run` with `script` (and `arguments`) against this org.
    func run(_ script: String, arguments: [String] = [], options: [String] = [], environment extra: [String: String] = [:]) throws -> SFJobsProcess.Result {
        let path = try SFJobsProcess.temporaryScript(script)
        return try SFJobsProcess.run(["run", "--log-format", "json"] + options + [path] + arguments,
                                     environment: environment.merging(extra) { $1 })
    }

    // MARK: - Control API

    /// Creates a job (`/__simulator/jobs`) and returns its id.
    func createJob(_ spec: [String: Any]) throws -> String {
        let reply = try control("POST", "/__simulator/jobs", body: spec)
        return (reply as! [String: Any])["id"] as! String
    }

    func addFault(_ spec: [String: Any]) throws { _ = try control("POST", "/__simulator/faults", body: spec) }

    /// The org's connected app and admin user: `clientId`, `clientSecret`, `username`, `password`, `refreshToken`, ...
    func credentials() throws -> [String: String] {
        try control("GET", "/__simulator/credentials") as? [String: String] ?? [:]
    }

    /// The simulator's listener whose answers are header lines that never end.
    func endlessHeadersURL() throws -> String {
        let reply = try control("GET", "/__simulator/hostile") as? [String: String]
        return try XCTUnwrap(reply?["endlessHeadersUrl"])
    }

    func expireTokens() throws { _ = try control("POST", "/__simulator/expire-tokens") }

    func clearRequests() throws { _ = try control("DELETE", "/__simulator/requests") }

    /// The request log: method and path of every API request since the last clear.
    func requests() throws -> [(method: String, path: String)] {
        let reply = try control("GET", "/__simulator/requests") as! [String: Any]
        return (reply["requests"] as! [[String: Any]]).map { ($0["method"] as! String, $0["path"] as! String) }
    }

    /// Requests that could change a job (anything but GET), ignoring logins.
    func stateChangingRequests() throws -> [String] {
        try requests().filter { $0.method != "GET" && !$0.path.contains("/oauth2/") && !$0.path.contains("/Soap/") }
            .map { "\($0.method) \($0.path)" }
    }

    @discardableResult
    private func control(_ method: String, _ path: String, body: [String: Any]? = nil) throws -> Any? {
        var request = URLRequest(url: URL(string: instanceURL + path)!)
        request.httpMethod = method
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Data?, URLResponse?, (any Error)?) = (nil, nil, nil)
        URLSession.shared.dataTask(with: request) { data, response, error in
            result = (data, response, error)
            done.signal()
        }.resume()
        done.wait()
        if let error = result.2 { throw error }
        guard let data = result.0, !data.isEmpty else { return nil }
        return try JSONSerialization.jsonObject(with: data)
    }
}
