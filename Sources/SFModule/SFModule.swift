import Logging
import LuaHost
import SalesforceBulk

/// The `sf` Lua module: binds the Salesforce client to a Lua host.
///
/// `sf` functions use the default connection (from flags, environment and
/// profile); `sf.connect(opts)` makes more.  Every failure raises the `sf`
/// error object; this file and its neighbours use only `LuaHost` and
/// `SalesforceBulk`.
public enum SFModule {
    /// What the module needs from the program that hosts it.
    public struct Configuration: Sendable {
        /// The default connection's settings, or why they could not be resolved (raised on first use).
        public var settings: Result<ConnectionSettings, SalesforceError>
        /// The process environment, for `sf.connect`.
        public var environment: [String: String]
        /// What the command line sets for every connection (`--api-version`, `--profile`, `--dry-run`):
        /// `sf.connect` starts from it, and under `--dry-run` no connection can leave the dry run.
        public var commandLine: ConnectionSettings.Overrides
        public var logger: Logger
        /// `sf.version`.
        public var version: String

        public init(
            settings: Result<ConnectionSettings, SalesforceError>, environment: [String: String],
            commandLine: ConnectionSettings.Overrides = .init(), logger: Logger, version: String
        ) {
            self.settings = settings
            self.environment = environment
            self.commandLine = commandLine
            self.logger = logger
            self.version = version
        }
    }

    /// Installs `sf` (global and `require "sf"`) and `help` into `host`; returns the default connection's label.
    @discardableResult
    public static func install(into host: LuaHost, _ configuration: Configuration) -> String {
        host.pushInterruptError = { state, reason in pushInterruptError(reason, onto: state) }
        let interruption = HostInterruption(handle: host.interruptHandle)
        let connection = SFConnection(settings: configuration.settings, logger: configuration.logger, interruption: interruption)
        let state = host.state

        state.newTable(fields: SFFunctions.all.count + 3)  // + log, json, connect
        for function in SFFunctions.all {
            state.push(function: bind(function.body, connection: connection, method: false, name: "sf.\(function.name)"))
            state.rawSet(table: -2, field: function.name)
        }
        pushNamespace(SFFunctions.log, connection: connection, into: state, field: "log")
        pushNamespace(SFFunctions.json, connection: connection, into: state, field: "json")
        state.push(function: { state in
            try connect(state, configuration: configuration, interruption: interruption)
        })
        state.rawSet(table: -2, field: "connect")
        ReadOnlyFields.install(
            [("dry_run", .boolean(connection.dryRun), ReadOnlyFields.dryRunReason),
             ("version", .string(configuration.version), "it is the version of sfjobs running")],
            on: -1, owner: "sf", name: "sf", in: state)
        Help.register(moduleAt: state.top, in: state)
        host.registerTopAsModule("sf")
        state.setGlobal("help", function: Help.function)
        return connection.label
    }

    /// Pushes the error object of an interrupt: a plain `"interrupted"` for Ctrl-C
    /// (as `lua` does), a `timeout` error object for a run timeout or budget.
    static func pushInterruptError(_ reason: LuaInterruptReason, onto state: LuaState) {
        switch reason {
        case .user: state.push("interrupted")
        case .timeout:
            SFErrorObject.push(SalesforceError(kind: .timeout, code: "TIMEOUT", message: "run timed out"), onto: state)
        case .instructionBudget:
            SFErrorObject.push(SalesforceError(kind: .timeout, code: "INSTRUCTION_BUDGET", message: "instruction budget exhausted"), onto: state)
        }
    }

    /// Wraps an `sf` function: its arguments, and every error raised as the `sf` error object;
    /// `name` names it in argument errors when Lua cannot (`sf.log.info`, a method).
    static func bind(_ body: @escaping (SFCall) throws -> Int32, connection: SFConnection, method: Bool, name: String) -> LuaFunction {
        { state in
            do {
                if method { try checkSelf(state) }
                return try body(SFCall(state: state, base: method ? 2 : 1, connection: connection))
            } catch let error as LuaArgumentError {
                throw SFRaisedError(error: .badArgument(error.message(in: state, unnamedAs: name)))
            } catch let error as SalesforceError {
                if error.code == "INTERRUPTED", let reason = connection.interruption.handle.pending {
                    throw InterruptRaise(reason: reason)
                }
                throw SFRaisedError(error: error)
            }
        }
    }

    private static func pushNamespace(_ functions: [SFFunctions.Entry], connection: SFConnection, into state: LuaState, field: String) {
        state.newTable(fields: functions.count)
        for function in functions {
            state.push(function: bind(function.body, connection: connection, method: false, name: "sf.\(field).\(function.name)"))
            state.rawSet(table: -2, field: function.name)
        }
        state.rawSet(table: -2, field: field)
    }

    // MARK: - Connections

    /// The `__name` of every connection's metatable (each connection has its own, for its `dry_run`).
    static let connectionMetatable = "sf.connection"

    /// `sf.connect(opts)`: a connection object with every job function as a method.
    private static func connect(_ state: LuaState, configuration: Configuration, interruption: HostInterruption) throws -> Int32 {
        let opts: LuaTable
        do throws(LuaArgumentError) {
            opts = state.isNil(at: 1) ? LuaTable() : try SFCall.plainTable(at: 1, in: state)
        } catch {
            throw SFRaisedError(error: .badArgument(error.message(in: state)))
        }
        let settings: Result<ConnectionSettings, SalesforceError>
        do throws(SalesforceError) {
            let chosen = merged(try overrides(from: opts), over: configuration.commandLine)
            let resolved = try ConnectionSettings.resolve(overrides: chosen, environment: configuration.environment)
            try resolved.checkURLs()
            settings = .success(resolved)
        } catch {
            throw SFRaisedError(error: error)
        }
        let connection = SFConnection(settings: settings, logger: configuration.logger, interruption: interruption)
        state.newTable(fields: SFFunctions.connectionMethods.count)
        for function in SFFunctions.all where SFFunctions.connectionMethods.contains(function.name) {
            state.push(function: bind(function.body, connection: connection, method: true, name: function.name))
            state.rawSet(table: -2, field: function.name)
        }
        Help.registerMethods(ofConnectionAt: -1, in: state)
        ReadOnlyFields.install(
            [("dry_run", .boolean(connection.dryRun), ReadOnlyFields.dryRunReason)], on: -1, owner: "conn", name: connectionMetatable, in: state)
        return 1
    }

    /// A method must be called with `:` on a connection object.
    private static func checkSelf(_ state: LuaState) throws(LuaArgumentError) {
        let isConnection: Bool = {
            guard state.isTable(at: 1), state.pushMetatable(of: 1) else { return false }
            state.rawGet(table: -1, field: "__name")
            defer { state.pop(2) }
            return state.string(at: -1) == connectionMetatable
        }()
        guard isConnection else {
            throw LuaArgumentError(position: 1, problem: "connection expected, got \(state.typeName(at: 1)); call methods with ':'")
        }
    }

    /// `sf.connect`'s own keys over the command line's; `--dry-run` stays on whatever `dry_run` says.
    private static func merged(_ own: ConnectionSettings.Overrides, over commandLine: ConnectionSettings.Overrides) -> ConnectionSettings.Overrides {
        var merged = own
        merged.apiVersion = own.apiVersion ?? commandLine.apiVersion
        merged.profile = own.profile ?? commandLine.profile
        merged.dryRun = commandLine.dryRun == true ? true : own.dryRun
        return merged
    }

    private static func overrides(from opts: LuaTable) throws(SalesforceError) -> ConnectionSettings.Overrides {
        let known: Set<String> = [
            "instance_url", "access_token", "external_session", "login_url", "client_id", "client_secret", "username",
            "password", "jwt_key_file", "refresh_token", "api_version", "audience_url", "profile", "timeout", "dry_run",
        ]
        try SFOptions.checkKeys(opts, allowed: known, function: "connect")
        func text(_ key: String) throws(SalesforceError) -> String? {
            switch opts[key] {
            case .nil: return nil
            case .string(let s): return s
            case let other: throw .badArgument("connect: \(key) must be a string, not a \(other.typeName)")
            }
        }
        func flag(_ key: String) throws(SalesforceError) -> Bool? {
            switch opts[key] {
            case .nil: return nil
            case .boolean(let b): return b
            case let other: throw .badArgument("connect: \(key) must be a boolean, not a \(other.typeName)")
            }
        }
        return ConnectionSettings.Overrides(
            instanceURL: try text("instance_url"), accessToken: try text("access_token"), externalSession: try flag("external_session"),
            loginURL: try text("login_url"), clientID: try text("client_id"), clientSecret: try text("client_secret"),
            username: try text("username"), password: try text("password"), jwtKeyFile: try text("jwt_key_file"),
            refreshToken: try text("refresh_token"), apiVersion: try text("api_version"), audienceURL: try text("audience_url"),
            profile: try text("profile"), timeoutMilliseconds: try SFOptions.milliseconds(opts["timeout"], field: "timeout"),
            dryRun: try flag("dry_run"))
    }
}
