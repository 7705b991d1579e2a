import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// No token, secret or password reaches a log line (at trace level too), an error message, a
/// traceback, `--json` output or the REPL history; the history file is private to its owner.
final class SecretsTests: XCTestCase {
    private var org: SimulatorFixture!
    private var secrets: [String] = []
    private var credentials: [String: String] = [:]
    private let wrongPassword = "Wr0ngPassw0rdXYZ"
    private let wrongRefreshToken = "5Aep861WrongRefreshTokenQrstUVW"

    override func setUpWithError() throws {
        org = try SimulatorFixture(clockSpeed: 0)
        credentials = try org.credentials()
        secrets = [org.accessToken, wrongPassword, wrongRefreshToken]
            + ["clientSecret", "password", "refreshToken"].compactMap { credentials[$0] }
        XCTAssertEqual(secrets.count, 6)
    }

    override func tearDown() {
        org = nil
    }

    /// A token and the username-password flow (OAuth, with the connected app's id and secret) to refresh it.
    private var loginEnvironment: [String: String] {
        org.environment.merging([
            "SF_LOGIN_URL": org.instanceURL, "SF_CLIENT_ID": credentials["clientId"] ?? "",
            "SF_CLIENT_SECRET": credentials["clientSecret"] ?? "", "SF_USERNAME": credentials["username"] ?? "",
            "SF_PASSWORD": credentials["password"] ?? "",
        ]) { $1 }
    }

    private func assertNoSecret(in text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for secret in secrets where text.contains(secret) {
            XCTFail("\(what) shows the secret \(secret.prefix(6))…", file: file, line: line)
        }
    }

    func testTraceLogsErrorsAndTracebacksShowNoSecret() throws {
        let id = try org.createJob(["jobType": "V2Ingest", "state": "Open"])
        try org.addFault(["fault": "expireTokens", "count": 1])
        let script = """
            local id, token, refresh, wrongPassword, wrongRefresh = ...
            print(sf.job_info(id).state)                       -- the session expires: a password login refreshes it
            print(sf.connect{refresh_token = refresh}:job_info(id).state)
            for _, opts in ipairs{
              {refresh_token = wrongRefresh, client_id = 'unknown-app'},
              {password = wrongPassword},
              {access_token = token .. 'x', external_session = true},
            } do
              local ok, err = pcall(function() return sf.connect(opts):job_info(id) end)
              print(ok, tostring(err))
              sf.log.warn('login failed', {error = tostring(err)})
            end
            print(tostring(select(2, pcall(sf.connect, {access_token = 42}))))
            error(select(2, pcall(function() return sf.connect{password = wrongPassword}:limits() end)))
            """
        let arguments = [id, org.accessToken, credentials["refreshToken"] ?? "", wrongPassword, wrongRefreshToken]
        for format in ["json", "text"] {
            let result = try org.run(script, arguments: arguments,
                                     options: ["--log-level", "trace", "--log-format", format], environment: loginEnvironment)
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertTrue(result.stdout.hasPrefix("Open\nOpen\nfalse\tlogin error invalid_client_id"), result.stdout)
            XCTAssertTrue(result.stdout.contains("false\tlogin error invalid_grant (HTTP 400): authentication failure"), result.stdout)
            XCTAssertTrue(result.stderr.contains("Authorization: [REDACTED]"), "no trace of the HTTP exchange")
            XCTAssertTrue(result.stderr.contains("stack traceback"), result.stderr)
            assertNoSecret(in: result.stdout, "stdout (\(format))")
            assertNoSecret(in: result.stderr, "stderr (\(format))")
        }
    }

    func testAScriptsOwnLogFieldsAndErrorsShowNoSecret() throws {
        let script = """
            local token, password = ...
            sf.log.info('signing in', {password = password, access_token = token, nested = {clientSecret = token}, count = 3})
            print(pcall(sf.log.info, 'forged', {level = 'fatal'}))
            error('could not sign in with password=' .. password .. ' and ' .. token)
            """
        for format in ["json", "text"] {
            let result = try org.run(script, arguments: [org.accessToken, wrongPassword], options: ["--log-format", format])
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertTrue(result.stdout.hasPrefix("false\targument error BAD_ARGUMENT:"), result.stdout)
            XCTAssertTrue(result.stderr.contains("[REDACTED]"), result.stderr)
            XCTAssertTrue(result.stderr.contains(format == "json" ? "\"count\":3" : "count=3"), result.stderr)
            assertNoSecret(in: result.stderr, "stderr (\(format))")
        }
    }

    func testJobInfoJSONAndFailingCommandsShowNoSecret() throws {
        let id = try org.createJob(["jobType": "V2Ingest", "state": "Open"])
        try org.expireTokens()
        let ok = try SFJobsProcess.run(["job-info", id, "--json", "--log-level", "trace"], environment: loginEnvironment)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(ok.stdout.contains("\"state\""), ok.stdout)
        assertNoSecret(in: ok.stdout + ok.stderr, "job-info --json")

        var refused = loginEnvironment
        refused["SF_ACCESS_TOKEN"] = nil
        refused["SF_PASSWORD"] = wrongPassword
        let failed = try SFJobsProcess.run(["close-job", id, "--json", "--log-level", "trace"], environment: refused)
        XCTAssertEqual(failed.status, 1, failed.stderr)
        XCTAssertTrue(failed.stderr.contains("invalid_grant"), failed.stderr)
        assertNoSecret(in: failed.stdout + failed.stderr, "close-job with a refused login")
    }

    func testTheReplHistoryMasksSecretsAndIsPrivate() throws {
        let stateHome = FileManager.default.temporaryDirectory.appendingPathComponent("sfjobs-secrets-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: stateHome) }
        let repl = try PseudoTerminal(arguments: ["repl"], environment: ["XDG_STATE_HOME": stateHome].merging(org.environment) { $1 })
        repl.expect("> ")
        let lines = [
            "conn = sf.connect{access_token = \"\(org.accessToken)\"}",
            "other = sf.connect{password='\(wrongPassword)', client_secret = \"\(credentials["clientSecret"] ?? "")\"}",
            "token = '\(org.accessToken)'",
            "refresh = {refresh_token=\"\(wrongRefreshToken)\"}",
            "print(#token)",
        ]
        for line in lines {
            let mark = repl.mark
            repl.send(line + "\n")
            repl.expect("> ", after: mark)
        }
        Thread.sleep(forTimeInterval: 0.2)
        repl.send("\u{04}")
        XCTAssertEqual(repl.waitForExit(), 0)
        let path = stateHome + "/sfjobs/history"
        let history = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(history.contains("print(#token)"), history)
        XCTAssertTrue(history.contains("[REDACTED]"), history)
        assertNoSecret(in: history, "the history file")
        var info = stat()
        XCTAssertEqual(stat(path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600)
        XCTAssertEqual(stat(stateHome + "/sfjobs", &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o700)
    }
}
