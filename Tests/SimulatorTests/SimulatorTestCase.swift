import Foundation
import Simulator
import XCTest

/// A test case with its own simulated org, started on a free port for each test.
class SimulatorTestCase: XCTestCase {
    var server: SimulatorServer!

    /// The options of the org each test starts with: empty, fast and deterministic.
    var options: SimulatorOptions {
        var options = SimulatorOptions()
        options.jobs = 0
        options.clockSpeed = 0
        return options
    }

    override func setUp() async throws {
        server = try await SimulatorServer.start(options)
    }

    override func tearDown() async throws {
        await server.stop()
        server = nil
    }

    var base: String { server.baseURL }
    var v2: String { "\(server.baseURL)/services/data/v66.0" }
    var v1: String { "\(server.baseURL)/services/async/66.0" }
    var bearer: [String: String] { ["Authorization": "Bearer \(server.accessToken)"] }

    func session(json: Bool) -> [String: String] {
        [
            "X-SFDC-Session": server.accessToken,
            "Content-Type": json ? "application/json" : "application/xml; charset=UTF-8",
        ]
    }

    @discardableResult
    func job(_ spec: SimJobSpec) -> String { server.createJob(spec).id }
}
