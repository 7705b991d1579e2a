import Foundation
import XCTest

/// Profiles, `sfjobs config`, and borrowing a Salesforce CLI login with `--target-org`.
final class ConfigurationTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfjobs-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sfjobs"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func writeProfiles(_ text: String, mode: Int = 0o600) throws {
        let path = directory.appendingPathComponent("sfjobs/config.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    func testConfigListAndShowMaskSecrets() throws {
        try writeProfiles("""
            [profiles.prod]
            instance_url = "https://acme.my.salesforce.com"
            access_token = "00Dsecret!token"
            [profiles.sandbox]
            login_url = "https://test.salesforce.com"
            client_id = "3MVG9"
            client_secret = "very-secret"
            """)
        let environment = ["XDG_CONFIG_HOME": directory.path]
        let list = try SFJobsProcess.run(["config", "list"], environment: environment)
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.hasSuffix("  prod\n  sandbox\n") || list.stdout.contains("  sandbox\n"), list.stdout)
        let show = try SFJobsProcess.run(["config", "show", "prod"], environment: environment)
        XCTAssertEqual(show.status, 0, show.stderr)
        XCTAssertTrue(show.stdout.contains("instance      https://acme.my.salesforce.com"), show.stdout)
        XCTAssertFalse(show.stdout.contains("00Dsecret"), show.stdout)
        let sandbox = try SFJobsProcess.run(["config", "show", "sandbox"], environment: environment)
        XCTAssertFalse(sandbox.stdout.contains("very-secret"), sandbox.stdout)
        XCTAssertEqual(try SFJobsProcess.run(["config", "show", "missing"], environment: environment).status, 1)
    }

    func testAnExternalSessionWithoutATokenSaysSo() throws {
        let result = try SFJobsProcess.run(["run", "-e", "print(select(2, pcall(sf.limits)).message)"],
                                           environment: ["SF_EXTERNAL_SESSION": "1", "SF_USERNAME": "a@b.c", "SF_PASSWORD": "x"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("an external session (SF_EXTERNAL_SESSION) needs an instance URL"), result.stdout)
    }

    func testProfileFileReadableByOthersIsWarnedAbout() throws {
        try writeProfiles("[profiles.default]\naccess_token = \"00Dx\"\ninstance_url = \"https://a.my.salesforce.com\"\n", mode: 0o644)
        let result = try SFJobsProcess.run(["run", "-e", "print(sf.dry_run)"], environment: ["XDG_CONFIG_HOME": directory.path])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("config_warning"), result.stderr)
    }

    func testTargetOrgBorrowsTheSalesforceCLILoginAsAnExternalSession() throws {
        let org = try SimulatorFixture(clockSpeed: 0)
        let id = try org.createJob(["jobType": "V2Ingest", "state": "Open", "object": "Account"])
        let bin = directory.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let stub = bin.appendingPathComponent("sf").path
        try """
            #!/bin/sh
            [ "$1 $2 $3 $4 $5" = "org display --json --target-org ops" ] || { echo '{"status":1,"message":"No org ops"}'; exit 1; }
            echo '{"status":0,"result":{"accessToken":"\(org.accessToken)","instanceUrl":"\(org.instanceURL)","alias":"ops"}}'
            """.write(toFile: stub, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stub)
        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")

        let result = try SFJobsProcess.run(["job-info", "--target-org", "ops", id, "--json"], environment: ["PATH": path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("\"object\":\"Account\""), result.stdout)

        try org.expireTokens()
        let expired = try SFJobsProcess.run(
            ["run", "--target-org", "ops", "-e", "local ok, e = pcall(sf.job_info, '\(id)') print(e.kind, e.code)"], environment: ["PATH": path])
        XCTAssertEqual(expired.stdout, "login\tINVALID_SESSION_ID\n", expired.stderr)

        let unknown = try SFJobsProcess.run(["job-info", "--target-org", "nope", "--log-format", "text", id], environment: ["PATH": path])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("No org ops"), unknown.stderr)

        let missing = try SFJobsProcess.run(["job-info", "--target-org", "ops", "--log-format", "text", id], environment: ["PATH": "/nonexistent"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("the Salesforce CLI (sf) is not installed"), missing.stderr)
    }
}
