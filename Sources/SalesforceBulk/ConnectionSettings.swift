/// Everything needed to reach an org: where, which credentials, which API version,
/// and the call defaults (timeout, dry run). Flags beat the environment, the
/// environment beats the profile file.
public struct ConnectionSettings: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    public var instanceURL: String?
    public var accessToken: String?
    /// The token is managed elsewhere: never refreshed; an expired session is a `login` error.
    public var externalSession: Bool
    public var loginURL: String
    public var clientID: String?
    public var clientSecret: String?
    public var username: String?
    public var password: String?
    public var jwtKeyFile: String?
    public var refreshToken: String?
    public var apiVersion: String
    public var audienceURL: String?
    /// The profile the settings were read from, if any.
    public var profile: String?
    /// The default time limit of a call, retries included; 0 means none.
    public var timeoutMilliseconds: Int
    /// Close, abort and delete only read the job and send no state-changing request.
    public var dryRun: Bool
    /// Problems worth telling the user that did not stop the resolution (e.g. a profile file readable by others).
    public var warnings: [String]

    public static let defaultLoginURL = "https://login.salesforce.com"
    public static let defaultAPIVersion = "66.0"
    public static let defaultTimeoutMilliseconds = 120_000

    public init(
        instanceURL: String? = nil, accessToken: String? = nil, externalSession: Bool = false,
        loginURL: String = ConnectionSettings.defaultLoginURL, clientID: String? = nil, clientSecret: String? = nil,
        username: String? = nil, password: String? = nil, jwtKeyFile: String? = nil, refreshToken: String? = nil,
        apiVersion: String = ConnectionSettings.defaultAPIVersion, audienceURL: String? = nil, profile: String? = nil,
        timeoutMilliseconds: Int = ConnectionSettings.defaultTimeoutMilliseconds, dryRun: Bool = false, warnings: [String] = []
    ) {
        self.instanceURL = instanceURL
        self.accessToken = accessToken
        self.externalSession = externalSession
        self.loginURL = loginURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.username = username
        self.password = password
        self.jwtKeyFile = jwtKeyFile
        self.refreshToken = refreshToken
        self.apiVersion = apiVersion
        self.audienceURL = audienceURL
        self.profile = profile
        self.timeoutMilliseconds = timeoutMilliseconds
        self.dryRun = dryRun
        self.warnings = warnings
    }

    /// Values given on the command line or to `sf.connect`; nil means "not given".
    public struct Overrides: Sendable, Equatable {
        public var instanceURL: String?
        public var accessToken: String?
        public var externalSession: Bool?
        public var loginURL: String?
        public var clientID: String?
        public var clientSecret: String?
        public var username: String?
        public var password: String?
        public var jwtKeyFile: String?
        public var refreshToken: String?
        public var apiVersion: String?
        public var audienceURL: String?
        public var profile: String?
        public var timeoutMilliseconds: Int?
        public var dryRun: Bool?

        public init(
            instanceURL: String? = nil, accessToken: String? = nil, externalSession: Bool? = nil, loginURL: String? = nil,
            clientID: String? = nil, clientSecret: String? = nil, username: String? = nil, password: String? = nil,
            jwtKeyFile: String? = nil, refreshToken: String? = nil, apiVersion: String? = nil, audienceURL: String? = nil,
            profile: String? = nil, timeoutMilliseconds: Int? = nil, dryRun: Bool? = nil
        ) {
            self.instanceURL = instanceURL
            self.accessToken = accessToken
            self.externalSession = externalSession
            self.loginURL = loginURL
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.username = username
            self.password = password
            self.jwtKeyFile = jwtKeyFile
            self.refreshToken = refreshToken
            self.apiVersion = apiVersion
            self.audienceURL = audienceURL
            self.profile = profile
            self.timeoutMilliseconds = timeoutMilliseconds
            self.dryRun = dryRun
        }
    }

    /// Resolves settings: each value from `overrides`, else the environment (the
    /// contract's `SF_*` variables), else the profile (`overrides.profile`, else
    /// `SF_PROFILE`, else `default` when the file has it) in `configFile` (default
    /// `$XDG_CONFIG_HOME/sfjobs/config.toml`, else `~/.config/sfjobs/config.toml`).
    ///
    /// - Throws: `argument` errors for a named profile that does not exist, an unreadable
    ///   profile file, or a malformed API version or timeout.
    public static func resolve(
        overrides: Overrides, environment: [String: String], configFile: String? = nil
    ) throws(SalesforceError) -> ConnectionSettings {
        func env(_ names: String...) -> String? {
            for name in names {
                if let value = environment[name]?.trimmingSpaces, !value.isEmpty { return value }
            }
            return nil
        }
        let profileName = overrides.profile ?? env("SF_PROFILE")
        let path = configFile ?? ProfileFile.defaultPath(environment: environment)
        var profile = ProfileFile.Profile()
        var warnings: [String] = []
        if let path {
            let file = try ProfileFile.load(path: path)
            if let file {
                warnings += file.warnings
                if let found = file.profiles[profileName ?? "default"] {
                    profile = found
                    warnings += found.warnings
                } else if let profileName {
                    throw .badArgument("profile \"\(profileName)\" is not in \(path)", code: "UNKNOWN_PROFILE")
                }
            } else if let profileName {
                throw .badArgument("profile \"\(profileName)\" was asked for, but \(path) does not exist", code: "UNKNOWN_PROFILE")
            }
        } else if let profileName {
            throw .badArgument("profile \"\(profileName)\" was asked for, but no configuration directory is known", code: "UNKNOWN_PROFILE")
        }

        var settings = ConnectionSettings()
        settings.profile = profile.isEmpty ? profileName : (profileName ?? "default")
        settings.instanceURL = overrides.instanceURL ?? env("SF_INSTANCE_URL", "SF_ORG_INSTANCE_URL") ?? profile.instanceURL
        settings.accessToken = overrides.accessToken ?? env("SF_ACCESS_TOKEN", "SFDX_ACCESS_TOKEN") ?? profile.accessToken
        if let flag = overrides.externalSession {
            settings.externalSession = flag
        } else if let text = env("SF_EXTERNAL_SESSION") {
            guard let flag = parseBool(text) else {
                throw .badArgument("SF_EXTERNAL_SESSION must be 1, true, 0 or false, not \"\(text)\"")
            }
            settings.externalSession = flag
        } else {
            settings.externalSession = profile.externalSession ?? false
        }
        settings.loginURL = overrides.loginURL ?? env("SF_LOGIN_URL") ?? profile.loginURL ?? defaultLoginURL
        settings.clientID = overrides.clientID ?? env("SF_CLIENT_ID") ?? profile.clientID
        settings.clientSecret = overrides.clientSecret ?? env("SF_CLIENT_SECRET") ?? profile.clientSecret
        settings.username = overrides.username ?? env("SF_USERNAME") ?? profile.username
        settings.password = overrides.password ?? env("SF_PASSWORD") ?? profile.password
        settings.jwtKeyFile = overrides.jwtKeyFile ?? env("SF_JWT_KEY_FILE") ?? profile.jwtKeyFile
        settings.refreshToken = overrides.refreshToken ?? env("SF_REFRESH_TOKEN") ?? profile.refreshToken
        settings.apiVersion = try normalizedAPIVersion(overrides.apiVersion ?? env("SF_API_VERSION") ?? profile.apiVersion ?? defaultAPIVersion)
        settings.audienceURL = overrides.audienceURL ?? env("SF_AUDIENCE_URL") ?? profile.audienceURL
        let timeout = overrides.timeoutMilliseconds ?? profile.timeoutMilliseconds ?? defaultTimeoutMilliseconds
        guard timeout >= 0 else { throw .badArgument("a timeout is 0 (none) or a positive number of milliseconds, not \(timeout)") }
        settings.timeoutMilliseconds = timeout
        settings.dryRun = overrides.dryRun ?? profile.dryRun ?? false
        if let keyFile = settings.jwtKeyFile, let warning = ProfileFile.exposureWarning(path: keyFile, holds: "a private key") {
            warnings.append(warning)
        }
        settings.warnings = warnings
        return settings
    }

    /// `1`, `true`, `yes`, `on` and `0`, `false`, `no`, `off`, any case.
    static func parseBool(_ text: String) -> Bool? {
        switch text.trimmingSpaces.lowercased() {
        case "1", "true", "yes", "on": true
        case "0", "false", "no", "off": false
        default: nil
        }
    }

    /// `66` → `66.0`; `66.0` stays; anything else is an argument error.
    public static func normalizedAPIVersion(_ text: String) throws(SalesforceError) -> String {
        let trimmed = text.trimmingSpaces.hasPrefix("v") ? String(text.trimmingSpaces.dropFirst()) : text.trimmingSpaces
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            throw .badArgument("an API version looks like 66.0, not \"\(text)\"")
        }
        return parts.count == 1 ? trimmed + ".0" : trimmed
    }

    /// Whether the settings name an org: an instance URL with a token, or a login flow.
    public var isConfigured: Bool {
        (instanceURL != nil && accessToken != nil) || Authenticator.flow(for: self) != nil
    }

    /// The settings with every secret masked.
    public var description: String {
        func show(_ value: String?) -> String { value ?? "-" }
        func secret(_ value: String?) -> String { value == nil ? "-" : Redaction.mask }
        return "instance=\(show(instanceURL)) token=\(secret(accessToken)) external=\(externalSession) login=\(loginURL) "
            + "client_id=\(show(clientID)) client_secret=\(secret(clientSecret)) username=\(show(username)) "
            + "password=\(secret(password)) jwt_key_file=\(show(jwtKeyFile)) refresh_token=\(secret(refreshToken)) "
            + "api_version=\(apiVersion) audience=\(show(audienceURL)) profile=\(show(profile)) "
            + "timeout_ms=\(timeoutMilliseconds) dry_run=\(dryRun)"
    }

    /// Reflection shows the redacted description only, so `dump` cannot print a secret.
    public var customMirror: Mirror { Mirror(self, children: ["settings": description]) }
}
