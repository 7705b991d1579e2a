import Foundation
import Hummingbird
import Logging
import NIOCore

/// A simulated Salesforce org serving the Bulk, OAuth and SOAP login APIs over
/// HTTP on a loopback address, with a control API for tests under `/__simulator/`.
public final class SimulatorServer: Sendable {
    /// Why the simulated org could not start.
    public enum StartError: Error, CustomStringConvertible {
        case notLoopback(String)
        case noPort

        public var description: String {
            switch self {
            case .notLoopback(let host): "the simulated org listens on loopback addresses only, not \(host)"
            case .noPort: "the server started without a port"
            }
        }
    }

    /// The instance URL, which is also the login URL: `http://127.0.0.1:PORT`.
    public let baseURL: String
    /// A valid session id of the admin user.
    public let accessToken: String

    private let org: SimulatedOrg
    private let running: Task<Void, Error>
    private let endlessHeaders: EndlessHeadersListener

    private init(org: SimulatedOrg, running: Task<Void, Error>, endlessHeaders: EndlessHeadersListener) {
        self.org = org
        self.running = running
        self.endlessHeaders = endlessHeaders
        baseURL = org.baseURL
        accessToken = org.auth.issueToken()
    }

    /// Starts an org as `options` describe; returns once it is listening.
    public static func start(_ options: SimulatorOptions) async throws -> SimulatorServer {
        guard isLoopback(options.host) else { throw StartError.notLoopback(options.host) }
        let org = SimulatedOrg(options, now: Date().timeIntervalSince1970)
        let router = Router(context: SimulatorContext.self)
        router.add(middleware: GatewayMiddleware(faults: org.faults, log: org.log, auth: org.auth))
        Bulk2Routes(org: org.jobs, auth: org.auth).register(on: router)
        Bulk1Routes(org: org.jobs, auth: org.auth).register(on: router)
        OAuthRoutes(auth: org.auth, baseURL: { org.baseURL }).register(on: router)
        SoapLogin(auth: org.auth, baseURL: { org.baseURL }).register(on: router)
        ControlRoutes(org: org).register(on: router)

        var logger = Logger(label: "sfjobs-simulator")
        logger.logLevel = .critical
        let listening = Listening()
        let app = Application(
            router: router, configuration: .init(address: .hostname(options.host, port: options.port)),
            onServerRunning: { channel in listening.resume(port: channel.localAddress?.port) }, logger: logger)
        let running = Task {
            do {
                try await app.run()
            } catch {
                listening.fail(error)
                throw error
            }
        }
        let port = try await listening.port()
        org.baseURL = "http://\(options.host):\(port)"
        let endlessHeaders = try await EndlessHeadersListener.start(host: options.host)
        org.endlessHeadersURL = endlessHeaders.url
        return SimulatorServer(org: org, running: running, endlessHeaders: endlessHeaders)
    }

    /// Stops listening, closes open connections and waits until the server has shut down.
    public func stop() async {
        await endlessHeaders.stop()
        running.cancel()
        _ = try? await running.value
    }

    /// A second listener on the same host whose answers are header lines that never end.
    public var endlessHeadersURL: String { endlessHeaders.url }

    /// The connected app and admin user of the org.
    public var credentials: SimulatorCredentials { org.auth.credentials }

    /// Accepts `pem` (an RSA public key) as the certificate of connected app `clientID` for the JWT bearer flow.
    public func registerJWTPublicKey(_ pem: String, clientID: String) throws {
        try org.auth.registerJWTKey(pem, clientID: clientID)
    }

    /// Places a job in the org.
    @discardableResult
    public func createJob(_ spec: SimJobSpec) -> SimulatedJob { org.createJob(spec) }

    /// A job (id of 15 or 18 characters) as it stands now, or nil.
    public func job(_ id: String) -> SimulatedJob? { org.job(id) }

    /// Ends every session; the next API request with an old token gets 401 / InvalidSessionId.
    public func expireTokens() { org.auth.expireAll() }

    /// A new valid session id of the admin user.
    public func issueToken() -> String { org.auth.issueToken() }

    public func inject(_ fault: SimFault) { org.faults.add(fault) }

    public func clearFaults() { org.faults.clear() }

    /// Moves simulated time forward, so jobs progress (and terminal jobs past retention vanish).
    public func advanceClock(by seconds: Double) { org.jobs.advance(by: seconds) }

    /// The simulated time, in seconds since 1970.
    public var now: Double { org.jobs.now }

    /// Every API request answered since start or the last reset, in order.
    public var requestLog: [SimRequestRecord] { org.log.all }

    public func resetRequestLog() { org.log.clear() }

    /// API requests counted against `DailyApiRequests`.
    public var apiRequestsUsed: Int { org.auth.apiUsed }

    private static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// Hands the listening port from the server's start-up callback to `start`.
private final class Listening: Sendable {
    private let state = Locked<(result: Result<Int, Error>?, waiting: CheckedContinuation<Int, Error>?)>((nil, nil))

    func resume(port: Int?) { settle(port.map { .success($0) } ?? .failure(SimulatorServer.StartError.noPort)) }

    func fail(_ error: Error) { settle(.failure(error)) }

    func port() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { state -> Result<Int, Error>? in
                if let result = state.result { return result }
                state.waiting = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    private func settle(_ result: Result<Int, Error>) {
        let waiting = state.withLock { state -> CheckedContinuation<Int, Error>? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiting = nil }
            return state.waiting
        }
        waiting?.resume(with: result)
    }
}
