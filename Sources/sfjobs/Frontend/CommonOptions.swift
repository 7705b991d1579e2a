import ArgumentParser
import SalesforceBulk

/// The flags every command accepts.
struct CommonOptions: ParsableArguments {
    @Option(help: "A named profile from $XDG_CONFIG_HOME/sfjobs/config.toml.")
    var profile: String?

    @Option(name: .customLong("target-org"), help: "Use the login of a Salesforce CLI org alias (`sf org display`).")
    var targetOrg: String?

    @Option(name: .customLong("api-version"), help: "Salesforce API version (default 66.0).")
    var apiVersion: String?

    @Flag(name: .customLong("dry-run"), help: "Send no state-changing request; report what would be done.")
    var dryRun = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning (or warn), error or critical, any case.")
    var logLevel: LogLevelOption = .info

    @Option(name: .customLong("log-format"), help: "text or json (default: text on a terminal, json otherwise).")
    var logFormat: LogFormat?

    /// A malformed `--api-version` is a usage error (exit 64) before anything runs, not a failure
    /// at the first call (or none, for a script that makes no call).
    func validate() throws {
        if let apiVersion {
            do { _ = try ConnectionSettings.normalizedAPIVersion(apiVersion) } catch { throw ValidationError("--api-version: \(error.message)") }
        }
    }

    /// The options as plain values.
    var settings: CommonSettings {
        CommonSettings(
            profile: profile, targetOrg: targetOrg, apiVersion: apiVersion, dryRun: dryRun, logLevel: logLevel,
            logFormat: logFormat)
    }
}

/// What ``CommonOptions`` says, as plain values; `CommonSettings()` is a command line without them.
struct CommonSettings: Equatable {
    var profile: String?
    var targetOrg: String?
    var apiVersion: String?
    var dryRun = false
    var logLevel: LogLevelOption = .info
    var logFormat: LogFormat?
}

/// How log lines are written to stderr.
enum LogFormat: String, ExpressibleByArgument, Sendable {
    case text, json
}

/// A log level as the command line spells it: any case, and `warn` for `warning` (as `sf.log.warn`).
enum LogLevelOption: String, ExpressibleByArgument, CaseIterable, Sendable {
    case trace, debug, info, notice, warning, error, critical

    init?(argument: String) {
        let name = argument.lowercased()
        guard let level = name == "warn" ? .warning : Self(rawValue: name) else { return nil }
        self = level
    }
}
