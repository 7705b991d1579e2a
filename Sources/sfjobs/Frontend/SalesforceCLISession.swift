import SalesforceBulk

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Borrows a Salesforce CLI login: `sf org display --json --target-org ALIAS`
/// gives the access token and instance URL; the token is an external session
/// (the CLI owns it, so sfjobs never refreshes it).
enum SalesforceCLISession {
    static func overrides(alias: String) throws(SalesforceError) -> ConnectionSettings.Overrides {
        let output = try runCLI(["org", "display", "--json", "--target-org", alias])
        guard let document = JSONValue.parse(Array(output.utf8)) else {
            throw SalesforceError(kind: .login, code: "SF_CLI", message: "`sf org display` did not print JSON")
        }
        let result = document["result"]
        guard let token = result?["accessToken"]?.stringValue, let instance = result?["instanceUrl"]?.stringValue else {
            let message = document["message"]?.stringValue ?? "no accessToken and instanceUrl for \(alias)"
            throw SalesforceError(kind: .login, code: "SF_CLI", message: "sf org display --target-org \(alias): \(message)")
        }
        return ConnectionSettings.Overrides(instanceURL: instance, accessToken: token, externalSession: true)
    }

    /// Runs `sf` from PATH and returns its standard output.
    private static func runCLI(_ arguments: [String]) throws(SalesforceError) -> String {
        var output: [Int32] = [0, 0]
        guard pipe(&output) == 0 else { throw notRunnable("cannot create a pipe") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_addclose(&actions, output[0])
        posix_spawn_file_actions_addclose(&actions, output[1])
        let words = ["sf"] + arguments
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "sf", &actions, nil, argv, environ)
        close(output[1])
        guard spawned == 0 else {
            close(output[0])
            throw notRunnable("the Salesforce CLI (sf) is not installed or not on PATH; install it or drop --target-org")
        }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 8192)
        while true {
            let n = read(output[0], &chunk, chunk.count)
            if n <= 0 { break }
            data += chunk[..<n]
        }
        close(output[0])
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return String(decoding: data, as: UTF8.self)
    }

    private static func notRunnable(_ message: String) -> SalesforceError {
        SalesforceError(kind: .connection, code: "NOT_CONFIGURED", message: message)
    }
}
