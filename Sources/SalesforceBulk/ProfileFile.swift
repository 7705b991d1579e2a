import TOMLKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The profile file `$XDG_CONFIG_HOME/sfjobs/config.toml`: one table per profile,
///
/// ```toml
/// [profiles.default]
/// instance_url = "https://acme.my.salesforce.com"
/// client_id = "3MVG9..."
/// username = "ops@acme.com"
/// jwt_key_file = "/etc/sfjobs/server.key"
///
/// [profiles.sandbox]
/// login_url = "https://test.salesforce.com"
/// ```
///
/// with the contract's variable names in snake case (`instance_url`, `access_token`,
/// `external_session`, `login_url`, `client_id`, `client_secret`, `username`,
/// `password`, `jwt_key_file`, `refresh_token`, `api_version`, `audience_url`)
/// plus `timeout` (milliseconds) and `dry_run`.
enum ProfileFile {
    /// One profile's values; nil where the profile says nothing.
    struct Profile: Equatable {
        var instanceURL: String?
        var accessToken: String?
        var externalSession: Bool?
        var loginURL: String?
        var clientID: String?
        var clientSecret: String?
        var username: String?
        var password: String?
        var jwtKeyFile: String?
        var refreshToken: String?
        var apiVersion: String?
        var audienceURL: String?
        var timeoutMilliseconds: Int?
        var dryRun: Bool?
        var warnings: [String] = []

        var isEmpty: Bool { self == Profile() }

        var holdsSecrets: Bool { accessToken != nil || clientSecret != nil || password != nil || refreshToken != nil }
    }

    /// A parsed file: its profiles and what is wrong with it short of failing.
    struct Contents {
        var profiles: [String: Profile]
        var warnings: [String]
    }

    /// `$XDG_CONFIG_HOME/sfjobs/config.toml`, else `$HOME/.config/sfjobs/config.toml`.
    static func defaultPath(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/sfjobs/config.toml" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/sfjobs/config.toml" }
        return nil
    }

    /// The file's profiles; nil when the file does not exist.
    static func load(path: String) throws(SalesforceError) -> Contents? {
        guard let text = try readText(path) else { return nil }
        let contents = try parse(text, path: path)
        var warnings = contents.warnings
        if contents.profiles.values.contains(where: \.holdsSecrets),
            let warning = exposureWarning(path: path, holds: "secrets")
        {
            warnings.append(warning)
        }
        return Contents(profiles: contents.profiles, warnings: warnings)
    }

    /// Parses the TOML text of a profile file.
    static func parse(_ text: String, path: String) throws(SalesforceError) -> Contents {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch {
            throw .badArgument("\(path) is not valid TOML: \(error)", code: "BAD_CONFIG")
        }
        guard let profilesValue = root["profiles"] else { return Contents(profiles: [:], warnings: []) }
        guard let profiles = profilesValue.table else {
            throw .badArgument("\(path): `profiles` must be a table of profiles", code: "BAD_CONFIG")
        }
        var result: [String: Profile] = [:]
        for name in profiles.keys {
            guard let table = profiles[name]?.table else {
                throw .badArgument("\(path): profiles.\(name) must be a table", code: "BAD_CONFIG")
            }
            result[name] = try profile(table, name: name, path: path)
        }
        return Contents(profiles: result, warnings: [])
    }

    private static func profile(_ table: TOMLTable, name: String, path: String) throws(SalesforceError) -> Profile {
        var profile = Profile()
        func string(_ key: String) throws(SalesforceError) -> String? {
            guard let value = table[key] else { return nil }
            guard let text = value.string else {
                throw .badArgument("\(path): profiles.\(name).\(key) must be a string", code: "BAD_CONFIG")
            }
            return text
        }
        func bool(_ key: String) throws(SalesforceError) -> Bool? {
            guard let value = table[key] else { return nil }
            if let flag = value.bool { return flag }
            if let text = value.string, let flag = ConnectionSettings.parseBool(text) { return flag }
            throw .badArgument("\(path): profiles.\(name).\(key) must be true or false", code: "BAD_CONFIG")
        }
        for key in table.keys {
            switch key {
            case "instance_url": profile.instanceURL = try string(key)
            case "access_token": profile.accessToken = try string(key)
            case "external_session": profile.externalSession = try bool(key)
            case "login_url": profile.loginURL = try string(key)
            case "client_id": profile.clientID = try string(key)
            case "client_secret": profile.clientSecret = try string(key)
            case "username": profile.username = try string(key)
            case "password": profile.password = try string(key)
            case "jwt_key_file": profile.jwtKeyFile = try string(key)
            case "refresh_token": profile.refreshToken = try string(key)
            case "audience_url": profile.audienceURL = try string(key)
            case "api_version":
                if let number = table[key]?.double {
                    profile.apiVersion = number == number.rounded() ? "\(Int(number)).0" : "\(number)"
                } else if let number = table[key]?.int {
                    profile.apiVersion = "\(number).0"
                } else {
                    profile.apiVersion = try string(key)
                }
            case "timeout":
                guard let milliseconds = table[key]?.int, milliseconds >= 0 else {
                    throw .badArgument("\(path): profiles.\(name).timeout must be milliseconds (0 = none)", code: "BAD_CONFIG")
                }
                profile.timeoutMilliseconds = milliseconds
            case "dry_run": profile.dryRun = try bool(key)
            default: profile.warnings.append("\(path): profiles.\(name).\(key) is not a setting sfjobs knows; ignored")
            }
        }
        return profile
    }

    /// A warning when the file at `path` can be read by its group or by others.
    static func exposureWarning(path: String, holds what: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o044 != 0 else { return nil }
        let mode = String(info.st_mode & 0o777, radix: 8)
        return "\(path) holds \(what) but is readable by others (mode \(mode)); run: chmod 600 \(path)"
    }

    /// The text of the file at `path`, nil when it does not exist.
    static func readText(_ path: String) throws(SalesforceError) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw .badArgument("cannot read \(path): \(String(cString: strerror(errno)))", code: "BAD_CONFIG")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .badArgument("cannot read \(path): \(String(cString: strerror(errno)))", code: "BAD_CONFIG")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
