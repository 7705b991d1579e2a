import Crypto
import Foundation
import Hummingbird

/// The OAuth 2.0 token endpoint (`/services/oauth2/token`) with the four grant
/// types an unattended client uses.
struct OAuthRoutes {
    let auth: AuthStore
    let baseURL: @Sendable () -> String

    func register(on router: Router<SimulatorContext>) {
        router.post("/services/oauth2/token") { request, _ in try await token(request) }
    }

    private func token(_ request: Request) async throws -> Response {
        var form = Self.form(try await request.text())
        if let (id, secret) = Self.basicCredentials(request) {
            form["client_id"] = form["client_id"] ?? id
            form["client_secret"] = form["client_secret"] ?? secret
        }
        let app = auth.credentials
        switch form["grant_type"] ?? "" {
        case "urn:ietf:params:oauth:grant-type:jwt-bearer":
            do {
                let subject = try JWTBearer.verify(
                    form["assertion"] ?? "", audience: baseURL(), now: Date().timeIntervalSince1970,
                    key: { auth.jwtKey(for: $0) })
                guard subject == app.username else {
                    return Reply.oauthError("invalid_grant", "user hasn't approved this consumer")
                }
                return granted(scope: "api")
            } catch {
                return Reply.oauthError(error.error, error.description)
            }
        case "refresh_token":
            if let refusal = refusal(of: form, secretRequired: false) { return refusal }
            guard form["refresh_token"] == app.refreshToken else {
                return Reply.oauthError("invalid_grant", "expired access/refresh token")
            }
            return granted(scope: "api refresh_token")
        case "client_credentials":
            if let refusal = refusal(of: form, secretRequired: true) { return refusal }
            return granted(scope: "api")
        case "password":
            if let refusal = refusal(of: form, secretRequired: true) { return refusal }
            guard form["username"] == app.username, form["password"] == app.password else {
                return Reply.oauthError("invalid_grant", "authentication failure")
            }
            return granted(scope: "api refresh_token")
        default:
            return Reply.oauthError("unsupported_grant_type", "grant type not supported")
        }
    }

    /// The error for a request that does not name the connected app correctly; nil when it does.
    /// The refresh token flow needs the secret only when one is sent.
    private func refusal(of form: [String: String], secretRequired: Bool) -> Response? {
        let app = auth.credentials
        guard form["client_id"] == app.clientID else {
            return Reply.oauthError("invalid_client_id", "client identifier invalid")
        }
        let secret = form["client_secret"]
        guard secret == app.clientSecret || (!secretRequired && secret == nil) else {
            return Reply.oauthError("invalid_client", "invalid client credentials")
        }
        return nil
    }

    /// A token response for a new session of the admin user.
    private func granted(scope: String) -> Response {
        let app = auth.credentials
        let base = baseURL()
        let id = "\(base)/id/\(app.orgID)/\(app.userID)"
        let issuedAt = String(Int64(Date().timeIntervalSince1970 * 1000))
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data((id + issuedAt).utf8), using: SymmetricKey(data: Data(app.clientSecret.utf8)))
        var body = JSONWriter()
        body.string("access_token", auth.issueToken())
        body.string("signature", Data(mac).base64EncodedString())
        body.string("scope", scope)
        body.string("instance_url", base)
        body.string("id", id)
        body.string("token_type", "Bearer")
        body.string("issued_at", issuedAt)
        return Reply.json(.ok, body.result)
    }

    /// An `application/x-www-form-urlencoded` body as a dictionary.
    static func form(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    /// Client id and secret from an `Authorization: Basic` header.
    static func basicCredentials(_ request: Request) -> (String, String)? {
        guard let value = request.headers[.authorization], value.hasPrefix("Basic "),
            let data = Data(base64Encoded: String(value.dropFirst(6))), let text = String(data: data, encoding: .utf8),
            let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}
