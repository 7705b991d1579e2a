/// How a session is obtained when none is given or the given one expired.
public enum LoginFlow: String, Sendable, CaseIterable {
    /// OAuth JWT bearer: client id + username + RSA key.
    case jwt
    /// OAuth refresh token (+ client id).
    case refreshToken
    /// OAuth client credentials: client id + secret, no username.
    case clientCredentials
    /// OAuth username-password with a client id.
    case password
    /// SOAP `login` with username and password.
    case soap
}

/// An instance URL and the token that opens it.
struct Session {
    let instance: URLPolicy.Base
    let token: String
    /// Increases with every new token, so requests sent with an older one are known.
    let generation: Int
    /// The header lines that carry the token (Bulk 2.0 and Bulk 1.0), made once per token.
    let bearerHeader: String
    let sessionHeader: String

    init(instance: URLPolicy.Base, token: String, generation: Int) {
        self.instance = instance
        self.token = token
        self.generation = generation
        bearerHeader = "Authorization: Bearer " + token
        sessionHeader = "X-SFDC-Session: " + token
    }
}

/// Holds the session and knows how to get a new one: the given token first, then
/// the first configured login flow, unless the session is external (never refreshed).
final class Authenticator {
    let settings: ConnectionSettings
    let flow: LoginFlow?
    private(set) var session: Session?
    private var generation = 0
    /// The latest refresh token (Salesforce may rotate it).
    private(set) var refreshToken: String?
    /// A configuration problem found before any request.
    let configurationError: SalesforceError?
    private var jwtSigner: JWTBearer?

    init(settings: ConnectionSettings) {
        self.settings = settings
        refreshToken = settings.refreshToken
        for secret in [settings.accessToken, settings.refreshToken, settings.clientSecret, settings.password] {
            KnownSecrets.add(secret)
        }
        let external = settings.externalSession
        flow = external ? nil : Self.flow(for: settings)
        var problem: SalesforceError?
        if let token = settings.accessToken, let instance = settings.instanceURL {
            do throws(SalesforceError) {
                session = Session(instance: try URLPolicy.base(instance, role: "instance URL"), token: token, generation: 0)
            } catch {
                problem = error
            }
        } else if external {
            problem = SalesforceError(
                kind: .connection, code: "NOT_CONFIGURED",
                message: "an external session needs both an instance URL (SF_INSTANCE_URL) and a session id (SF_ACCESS_TOKEN)")
        } else if flow == nil {
            problem = SalesforceError(
                kind: .connection, code: "NOT_CONFIGURED",
                message: settings.accessToken == nil
                    ? "no connection configured: set SF_INSTANCE_URL and SF_ACCESS_TOKEN, or a login (SF_CLIENT_ID with SF_USERNAME and SF_JWT_KEY_FILE, SF_REFRESH_TOKEN, SF_CLIENT_SECRET, or SF_USERNAME and SF_PASSWORD), or a profile"
                    : "an access token needs an instance URL (SF_INSTANCE_URL)")
        }
        configurationError = problem
    }

    /// The first flow the settings configure: JWT, refresh token, client credentials, username-password.
    static func flow(for settings: ConnectionSettings) -> LoginFlow? {
        if settings.externalSession { return nil }
        let clientID = settings.clientID
        if clientID != nil, settings.username != nil, settings.jwtKeyFile != nil { return .jwt }
        if clientID != nil, settings.refreshToken != nil { return .refreshToken }
        if clientID != nil, settings.clientSecret != nil, settings.username == nil { return .clientCredentials }
        if settings.username != nil, settings.password != nil { return clientID != nil ? .password : .soap }
        return nil
    }

    /// Whether an expired session may be replaced.
    var canRefresh: Bool { flow != nil }

    /// Forgets a session that Salesforce called expired.
    func invalidate(generation expired: Int) {
        if session?.generation == expired { session = nil }
    }

    /// A plan that logs in with the configured flow and installs the new session.
    func loginPlan() -> LoginPlan { LoginPlan(authenticator: self) }

    fileprivate func loginRequest() throws(SalesforceError) -> APIRequest {
        guard let flow else {
            throw configurationError ?? SalesforceError(kind: .login, code: "INVALID_SESSION_ID", message: "no login flow is configured")
        }
        let form: [(String, String)]
        switch flow {
        case .soap:
            return SOAPLogin.request(username: settings.username ?? "", password: settings.password ?? "", apiVersion: settings.apiVersion)
        case .jwt:
            if jwtSigner == nil { jwtSigner = try JWTBearer(keyFile: settings.jwtKeyFile ?? "") }
            let assertion = try jwtSigner!.assertion(
                clientID: settings.clientID ?? "", username: settings.username ?? "",
                audience: settings.audienceURL ?? settings.loginURL, now: Time.wallSeconds())
            form = [("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion)]
        case .refreshToken:
            form = [("grant_type", "refresh_token"), ("refresh_token", refreshToken ?? ""), ("client_id", settings.clientID ?? "")]
                + (settings.clientSecret.map { [("client_secret", $0)] } ?? []) + [("format", "json")]
        case .clientCredentials:
            form = [("grant_type", "client_credentials"), ("client_id", settings.clientID ?? ""), ("client_secret", settings.clientSecret ?? "")]
        case .password:
            form = [("grant_type", "password"), ("client_id", settings.clientID ?? "")]
                + (settings.clientSecret.map { [("client_secret", $0)] } ?? [])
                + [("username", settings.username ?? ""), ("password", settings.password ?? "")]
        }
        return APIRequest(
            method: .post, target: .login("/services/oauth2/token"), credential: .none,
            headers: ["Content-Type: application/x-www-form-urlencoded", "Accept: application/json"],
            body: Array(FormEncoding.encode(form).utf8))
    }

    /// Installs the session of a successful login answer.
    fileprivate func accept(_ response: HTTPResponse) throws(SalesforceError) {
        let token: String
        let instance: String
        if flow == .soap {
            (token, instance) = try SOAPLogin.session(from: response)
        } else {
            guard let json = JSONValue.parse(response.body), let access = json["access_token"]?.stringValue,
                let url = json["instance_url"]?.stringValue ?? settings.instanceURL
            else {
                throw ErrorMapping.badResponse(response, expected: "an OAuth token answer", jobID: nil)
            }
            if let rotated = json["refresh_token"]?.stringValue {
                KnownSecrets.add(rotated)
                refreshToken = rotated
            }
            token = access
            instance = url
        }
        KnownSecrets.add(token)
        generation += 1
        session = Session(instance: try URLPolicy.base(instance, role: "instance URL"), token: token, generation: generation)
    }

    /// The checked login URL.
    func loginBase() throws(SalesforceError) -> URLPolicy.Base {
        try URLPolicy.base(settings.loginURL, role: "login URL")
    }
}

/// Logs in once (with the engine's retries) and installs the session.
final class LoginPlan: CallPlan {
    private unowned let authenticator: Authenticator
    private(set) var error: SalesforceError?
    private(set) var finished = false

    init(authenticator: Authenticator) { self.authenticator = authenticator }

    var jobID: String? { nil }

    func start() -> PlanStep {
        do throws(SalesforceError) {
            return .send(try authenticator.loginRequest())
        } catch {
            fail(error)
            return .done
        }
    }

    func receive(_ response: HTTPResponse, mayHaveArrived: Bool) -> PlanStep {
        guard response.isSuccess else {
            fail(ErrorMapping.loginError(for: response))
            return .done
        }
        do throws(SalesforceError) {
            try authenticator.accept(response)
            finished = true
        } catch {
            fail(error)
        }
        return .done
    }

    func fail(_ error: SalesforceError) {
        var error = error
        if error.kind == .rest { error.kind = .login }
        self.error = error
        finished = true
    }
}
