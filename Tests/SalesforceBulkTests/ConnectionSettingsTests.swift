import Testing

@testable import SalesforceBulk

@Suite struct ConnectionSettingsTests {
    private let profileText = """
        [profiles.default]
        instance_url = "https://default.my.salesforce.com"
        api_version = 61.0

        [profiles.prod]
        instance_url = "https://prod.my.salesforce.com"
        access_token = "00Dprod!token"
        client_id = "prod-client"
        timeout = 5000
        dry_run = true
        colour = "blue"
        """

    @Test func flagsBeatEnvironmentBeatsProfile() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let file = directory.write("config.toml", profileText)
        let settings = try ConnectionSettings.resolve(
            overrides: .init(accessToken: "00Dflag!token"),
            environment: ["SF_PROFILE": "prod", "SF_INSTANCE_URL": "https://env.my.salesforce.com", "SF_ACCESS_TOKEN": "00Denv!token"],
            configFile: file)
        #expect(settings.accessToken == "00Dflag!token")
        #expect(settings.instanceURL == "https://env.my.salesforce.com")
        #expect(settings.clientID == "prod-client")
        #expect(settings.timeoutMilliseconds == 5000)
        #expect(settings.dryRun)
        #expect(settings.profile == "prod")
        #expect(settings.apiVersion == "66.0")
        #expect(settings.warnings.contains { $0.contains("profiles.prod.colour") })
    }

    @Test func defaultProfileAndSynonyms() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        directory.write("config.toml", profileText)
        let settings = try ConnectionSettings.resolve(
            overrides: .init(), environment: ["XDG_CONFIG_HOME": directory.path + "/..", "SFDX_ACCESS_TOKEN": "00Dsyn!token"],
            configFile: directory.path + "/config.toml")
        #expect(settings.instanceURL == "https://default.my.salesforce.com")
        #expect(settings.apiVersion == "61.0")
        #expect(settings.accessToken == "00Dsyn!token")
        #expect(settings.timeoutMilliseconds == 120_000)
        #expect(settings.loginURL == "https://login.salesforce.com")
    }

    @Test func orgInstanceURLAndExternalSession() throws {
        let settings = try ConnectionSettings.resolve(
            overrides: .init(),
            environment: ["SF_ORG_INSTANCE_URL": "https://org.my.salesforce.com", "SF_EXTERNAL_SESSION": "TRUE", "SF_API_VERSION": "62"],
            configFile: "/nonexistent/config.toml")
        #expect(settings.instanceURL == "https://org.my.salesforce.com")
        #expect(settings.externalSession)
        #expect(settings.apiVersion == "62.0")
    }

    @Test func readableSecretsAreWarnedAbout() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let file = directory.write("config.toml", profileText, mode: 0o644)
        let settings = try ConnectionSettings.resolve(overrides: .init(profile: "prod"), environment: [:], configFile: file)
        #expect(settings.warnings.contains { $0.contains("readable by others") && $0.contains("chmod 600") })
        let privateFile = directory.write("private.toml", profileText, mode: 0o600)
        let quiet = try ConnectionSettings.resolve(overrides: .init(profile: "prod"), environment: [:], configFile: privateFile)
        #expect(!quiet.warnings.contains { $0.contains("readable by others") })
    }

    @Test func unknownProfilesAndBadValuesAreArgumentErrors() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let file = directory.write("config.toml", profileText)
        #expect(throws: SalesforceError.self) {
            try ConnectionSettings.resolve(overrides: .init(profile: "nope"), environment: [:], configFile: file)
        }
        #expect(throws: SalesforceError.self) {
            try ConnectionSettings.resolve(overrides: .init(), environment: ["SF_API_VERSION": "sixty"], configFile: file)
        }
        let broken = directory.write("broken.toml", "[profiles.x\nfoo=")
        #expect(throws: SalesforceError.self) {
            try ConnectionSettings.resolve(overrides: .init(), environment: [:], configFile: broken)
        }
    }

    @Test func descriptionHidesSecrets() {
        let settings = ConnectionSettings(
            instanceURL: "https://x.my.salesforce.com", accessToken: "00D!sekrit", clientSecret: "shh", password: "pw",
            refreshToken: "5Aep")
        for secret in ["00D!sekrit", "shh", "pw", "5Aep"] {
            #expect(!settings.description.contains(secret))
            #expect(!String(reflecting: settings).contains(secret))
        }
    }

    @Test func flowChoice() {
        var settings = ConnectionSettings(clientID: "id", username: "u", jwtKeyFile: "/k", refreshToken: "r")
        #expect(Authenticator.flow(for: settings) == .jwt)
        settings.jwtKeyFile = nil
        #expect(Authenticator.flow(for: settings) == .refreshToken)
        settings = ConnectionSettings(clientID: "id", clientSecret: "s")
        #expect(Authenticator.flow(for: settings) == .clientCredentials)
        settings = ConnectionSettings(clientID: "id", clientSecret: "s", username: "u", password: "p")
        #expect(Authenticator.flow(for: settings) == .password)
        settings = ConnectionSettings(username: "u", password: "p")
        #expect(Authenticator.flow(for: settings) == .soap)
        settings.externalSession = true
        #expect(Authenticator.flow(for: settings) == nil)
    }

    @Test func nothingConfiguredIsAConnectionError() {
        let client = SalesforceClient(settings: ConnectionSettings())
        #expect(throws: SalesforceError(
            kind: .connection, code: "NOT_CONFIGURED",
            message: "no connection configured: set SF_INSTANCE_URL and SF_ACCESS_TOKEN, or a login (SF_CLIENT_ID with SF_USERNAME and SF_JWT_KEY_FILE, SF_REFRESH_TOKEN, SF_CLIENT_SECRET, or SF_USERNAME and SF_PASSWORD), or a profile",
            jobID: "750D00000004SkLIAU")) {
            try client.jobInfo(JobID("750D00000004SkL"))
        }
    }
}
