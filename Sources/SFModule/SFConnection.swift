import Logging
import LuaHost
import SalesforceBulk

/// One org connection as Lua sees it: its settings, its client (made on first
/// use) and what every `sf` function needs around a call.
final class SFConnection {
    /// The settings, or why they could not be resolved (raised on first use).
    let settings: Result<ConnectionSettings, SalesforceError>
    let logger: Logger
    let interruption: HostInterruption
    private var cachedClient: SalesforceClient?

    init(settings: Result<ConnectionSettings, SalesforceError>, logger: Logger, interruption: HostInterruption) {
        self.settings = settings
        self.logger = logger
        self.interruption = interruption
    }

    var dryRun: Bool { (try? settings.get().dryRun) ?? false }

    /// The client, made on first use; a `connection` error `NOT_CONFIGURED` when no org is configured.
    func client() throws(SalesforceError) -> SalesforceClient {
        if let cachedClient { return cachedClient }
        let settings = try self.settings.get()
        guard settings.isConfigured else {
            if settings.externalSession {
                throw SalesforceError(
                    kind: .connection, code: "NOT_CONFIGURED",
                    message: "an external session (SF_EXTERNAL_SESSION) needs an instance URL (SF_INSTANCE_URL) and a session id "
                        + "(SF_ACCESS_TOKEN); it never logs in, so login settings do not help")
            }
            throw SalesforceError(
                kind: .connection, code: "NOT_CONFIGURED",
                message: "no Salesforce connection is configured: set SF_INSTANCE_URL and SF_ACCESS_TOKEN, "
                    + "a login flow (SF_CLIENT_ID with SF_JWT_KEY_FILE, SF_REFRESH_TOKEN or SF_CLIENT_SECRET, or SF_USERNAME and SF_PASSWORD), "
                    + "or a profile; or try `sfjobs demo`")
        }
        let client = SalesforceClient(settings: settings, logger: logger, interruption: interruption)
        cachedClient = client
        return client
    }

    /// What the prompt and `tostring(conn)` show: the profile, else the instance host.
    var label: String {
        guard let settings = try? settings.get() else { return "(not configured)" }
        if let profile = settings.profile { return profile }
        guard let url = settings.instanceURL else { return settings.isConfigured ? settings.loginURL : "(no org)" }
        return url.split(separator: "/").dropFirst().first.map(String.init) ?? url
    }
}

/// Lets the client's HTTP waits and backoff sleeps stop on the host's interrupts.
final class HostInterruption: Interruption {
    let handle: LuaInterruptHandle

    init(handle: LuaInterruptHandle) { self.handle = handle }

    var isInterrupted: Bool { handle.pending != nil }
    func sleep(seconds: Double) -> Bool { handle.sleep(seconds: seconds) != nil }
    func addWaker(_ wake: @escaping @Sendable () -> Void) -> Int { handle.addWaker(wake) }
    func removeWaker(_ token: Int) { handle.removeWaker(token) }
}
