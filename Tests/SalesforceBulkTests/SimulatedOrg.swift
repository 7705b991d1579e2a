import Foundation
import Simulator

@testable import SalesforceBulk

/// A simulated org for one test, and a way to drive a client against it from a
/// thread of its own (the client blocks; the server needs the concurrency pool).
struct SimulatedOrg {
    let server: SimulatorServer

    /// Fast retries so fault tests stay short.
    static let quickRetries = RetryPolicy(maximumAttempts: 4, baseDelay: 0.05, maximumDelay: 0.2, maximumRetryAfter: 5)

    static func start(pageSize: Int = 1000) async throws -> SimulatedOrg {
        var options = SimulatorOptions()
        options.jobs = 0
        options.clockSpeed = 0
        options.pageSize = pageSize
        return SimulatedOrg(server: try await SimulatorServer.start(options))
    }

    func stop() async { await server.stop() }

    /// Instance URL and ready token.
    var tokenSettings: ConnectionSettings {
        ConnectionSettings(
            instanceURL: server.baseURL, accessToken: server.accessToken, loginURL: server.baseURL, timeoutMilliseconds: 10_000)
    }

    /// Runs `body` with a fresh client on a dedicated thread.
    func run<T: Sendable>(
        _ settings: ConnectionSettings? = nil, retry: RetryPolicy = quickRetries, interruption: (any Interruption)? = nil,
        _ body: @escaping @Sendable (SalesforceClient) throws(SalesforceError) -> T
    ) async -> Result<T, SalesforceError> {
        await Self.run(settings ?? tokenSettings, retry: retry, interruption: interruption, body)
    }

    /// Runs `body` with a fresh client for `settings` on a dedicated thread.
    static func run<T: Sendable>(
        _ settings: ConnectionSettings, retry: RetryPolicy = quickRetries, interruption: (any Interruption)? = nil,
        _ body: @escaping @Sendable (SalesforceClient) throws(SalesforceError) -> T
    ) async -> Result<T, SalesforceError> {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                let client = SalesforceClient(settings: settings, interruption: interruption, retryPolicy: retry)
                do throws(SalesforceError) {
                    continuation.resume(returning: .success(try body(client)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            thread.start()
        }
    }

    /// Method and path of every request the org answered since the last reset, Bulk and auth alike.
    var requests: [String] { server.requestLog.map { "\($0.method) \($0.path)" } }

    @discardableResult
    func job(_ spec: SimJobSpec) -> String { server.createJob(spec).id }
}

/// An interruption raised by the test after a delay.
final class TestInterruption: Interruption, @unchecked Sendable {
    private let lock = NSLock()
    private var interrupted = false
    private var wakers: [Int: @Sendable () -> Void] = [:]
    private var next = 0

    var isInterrupted: Bool { lock.withLock { interrupted } }

    /// How many wakers are registered.
    var wakerCount: Int { lock.withLock { wakers.count } }

    func interrupt() {
        let toWake = lock.withLock {
            interrupted = true
            return Array(wakers.values)
        }
        for wake in toWake { wake() }
    }

    func sleep(seconds: Double) -> Bool {
        Thread.sleep(forTimeInterval: seconds)
        return isInterrupted
    }

    func addWaker(_ wake: @escaping @Sendable () -> Void) -> Int {
        lock.withLock {
            next += 1
            wakers[next] = wake
            return next
        }
    }

    func removeWaker(_ token: Int) { _ = lock.withLock { wakers.removeValue(forKey: token) } }
}

extension Result {
    var error: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
