import Foundation
import SalesforceBulk
import _CryptoExtras

/// Sessions, the connected app and the org's API usage counter.
final class AuthStore: Sendable {
    private struct State {
        var tokens: Set<String> = []
        var jwtKeys: [String: String] = [:]
        var apiUsed: Int
    }

    let credentials: SimulatorCredentials
    let apiLimit: Int
    private let state: Locked<State>

    init(seed: UInt64, apiLimit: Int, apiUsed: Int) {
        let orgID = SalesforceID(prefix: "00D", counter: 1000 + seed % 1000).value
        credentials = SimulatorCredentials(
            clientID: "3MVG9SimulatedOrgConsumerKey.\(Self.randomText(24))",
            clientSecret: Self.randomText(32, digitsOnly: true),
            username: "admin@sfjobs.sim",
            password: "sfjobs-demo" + "Tk" + Self.randomText(22),
            refreshToken: "5Aep861" + Self.randomText(80),
            orgID: orgID,
            userID: SalesforceID(prefix: "005", counter: 1).value)
        self.apiLimit = apiLimit
        state = Locked(State(apiUsed: apiUsed))
    }

    /// A new session id that the org accepts until tokens are expired.
    func issueToken() -> String {
        let token = String(credentials.orgID.prefix(15)) + ".AQ" + Self.randomText(96)
        state.withLock { _ = $0.tokens.insert(token) }
        return token
    }

    func isValid(_ token: String) -> Bool { state.withLock { $0.tokens.contains(token) } }

    /// Ends every session, as a session timeout or a password change would.
    func expireAll() { state.withLock { $0.tokens.removeAll() } }

    /// Counts one API request and answers the `Sforce-Limit-Info` value.
    func countRequest() -> String {
        let used = state.withLock { state -> Int in
            state.apiUsed += 1
            return state.apiUsed
        }
        return "api-usage=\(used)/\(apiLimit)"
    }

    var apiUsed: Int { state.withLock { $0.apiUsed } }

    /// Accepts `pem` as the certificate key of connected app `clientID` for the JWT bearer flow.
    func registerJWTKey(_ pem: String, clientID: String) throws {
        _ = try _RSA.Signing.PublicKey(pemRepresentation: pem)
        state.withLock { $0.jwtKeys[clientID] = pem }
    }

    func jwtKey(for clientID: String) -> _RSA.Signing.PublicKey? {
        guard let pem = state.withLock({ $0.jwtKeys[clientID] }) else { return nil }
        return try? _RSA.Signing.PublicKey(pemRepresentation: pem)
    }

    private static func randomText(_ count: Int, digitsOnly: Bool = false) -> String {
        let alphabet = Array(
            digitsOnly ? "0123456789" : "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
