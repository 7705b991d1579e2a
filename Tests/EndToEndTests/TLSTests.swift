import Foundation
import XCTest

/// HTTPS for real: a TLS server on 127.0.0.1 with a self-signed certificate. Verification stays on, so
/// the call is refused, unless `SSL_CERT_FILE` (or `CURL_CA_BUNDLE`) names that certificate as trusted.
final class TLSTests: XCTestCase {
    private var directory: URL!
    private var server: Process!
    private var port = 0

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfjobs-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.certificate.write(to: directory.appendingPathComponent("cert.pem"), atomically: true, encoding: .utf8)
        try Self.privateKey.write(to: directory.appendingPathComponent("key.pem"), atomically: true, encoding: .utf8)
        try Self.serverScript.write(to: directory.appendingPathComponent("server.py"), atomically: true, encoding: .utf8)
        server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", directory.appendingPathComponent("server.py").path,
                            directory.appendingPathComponent("cert.pem").path, directory.appendingPathComponent("key.pem").path]
        let output = Pipe()
        server.standardOutput = output
        try server.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        port = try XCTUnwrap(Int(line.trimmingCharacters(in: .whitespacesAndNewlines)), "server said: \(line)")
    }

    override func tearDownWithError() throws {
        server?.terminate()
        server?.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    private static let script = """
        local ok, result = pcall(sf.job_info, "7508d00000AbcdE", "ingest")
        if ok then print("ok", result.state) else print(result.kind, result.code, result.retryable, result.message) end
        """

    private func call(_ environment: [String: String] = [:]) throws -> SFJobsProcess.Result {
        // Empty means unset: the machine running the tests may name its own bundles in these.
        try SFJobsProcess.run(["run", "-e", Self.script], environment: [
            "SF_INSTANCE_URL": "https://127.0.0.1:\(port)", "SF_ACCESS_TOKEN": "00Dtls!session",
            "CURL_CA_BUNDLE": "", "SSL_CERT_FILE": "",
        ].merging(environment) { $1 })
    }

    func testASelfSignedCertificateIsRefused() throws {
        let result = try call()
        XCTAssertEqual(result.status, 0, result.stderr)
        // OpenSSL words the reason ("self-signed certificate"); the kind and code are ours.
        XCTAssertTrue(result.stdout.hasPrefix("connection\tPEER_FAILED_VERIFICATION\tfalse\tSSL certificate problem: self"), result.stdout)
    }

    func testTheCertificateIsTrustedWhenSSLCertFileNamesIt() throws {
        let result = try call(["SSL_CERT_FILE": directory.appendingPathComponent("cert.pem").path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "ok\tOpen\n")
    }

    func testCurlCABundleWinsOverSSLCertFile() throws {
        let result = try call([
            "CURL_CA_BUNDLE": directory.appendingPathComponent("cert.pem").path, "SSL_CERT_FILE": "/nonexistent.pem",
        ])
        XCTAssertEqual(result.stdout, "ok\tOpen\n", result.stderr)
    }

    /// Answers every GET with one open Bulk 2.0 ingest job; prints its port once it listens.
    private static let serverScript = """
        import http.server, ssl, sys, json
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = json.dumps({"id": "7508d00000AbcdEAAR", "jobType": "V2Ingest", "state": "Open"}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args): pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[1], sys.argv[2])
        server.socket = context.wrap_socket(server.socket, server_side=True)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    /// A self-signed certificate for 127.0.0.1 (valid until 2126) and its key, made for this test only
    /// (`openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1`).
    private static let certificate = """
        -----BEGIN CERTIFICATE-----
        MIIDHDCCAgSgAwIBAgIUfjOL4uVk5+Qa0bxwa+bTDr6A+9cwDQYJKoZIhvcNAQEL
        BQAwFDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyMjIwMTkzMVoYDzIxMjYx
        MDI5MjAxOTMxWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwggEiMA0GCSqGSIb3DQEB
        AQUAA4IBDwAwggEKAoIBAQDRK38Sl4hopQcP41cmM4v6zUSdbGgzRMF+l5dUqsr6
        v6V0k8NvFHY7H+bFj79jKFcLlyaQStWoakiJApHvNJG9RnzcW80gvnmjRPYARAvL
        KzoX56VJ7CnVNxVo/iOHGvF6OOMkcvOR+Cqzd+EYXlTib1eUdkok6KEM6siaiugZ
        HhCE1OKCJ8/GtpMMhkWh/XlLWZCOXQqOavA8F1ghXe3cJAk4b8nLJJFwqBuBPO2K
        ONdVRWNWZOI2mKSJQ+nG0Znga5azlns2ifWn5arMCQx5Ok3hz+CweZlHNtBWKeO0
        lQl7cE+rML40AWRtGZlA+yd4pjHajSd5lQ0dV6dr7jeXAgMBAAGjZDBiMB0GA1Ud
        DgQWBBQq+BIDnUD0xX1wqTIrHKG9QouVPjAfBgNVHSMEGDAWgBQq+BIDnUD0xX1w
        qTIrHKG9QouVPjAPBgNVHRMBAf8EBTADAQH/MA8GA1UdEQQIMAaHBH8AAAEwDQYJ
        KoZIhvcNAQELBQADggEBAIXaXvPIf8SUvK7kKg8Os0su7gFHdTZand8Qr8E3EuIq
        YXkjNsU5P07Z8NBnKJpSYxjN+kGl2ZKrOR5yK4OF1uBprEnpQELxS5o5xhTug5O5
        M8XOU1JfjQH5LXTB/gvuXILO2fIk87LSTwRBVXKXMrJXAHIT9aIpMI7tYDMfZ0Am
        KhP8qDyoUg+9HfIcKMpA259JJVKsQttLPoqkJ3akBPHk7dKugtCW8TSYANeNML1O
        NRNZid9Tw1ZiiI63Dqgw5cgxvCGkYpW7abBWzGK8EEn/uWX8xOuvpbt0v+qtEMwj
        1oqhV0doUoIX7oOSeQ1zV2ihNrwgajSSbEgh8QW7ScE=
        -----END CERTIFICATE-----
        """

    private static let privateKey = """
        -----BEGIN PRIVATE KEY-----
        MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDRK38Sl4hopQcP
        41cmM4v6zUSdbGgzRMF+l5dUqsr6v6V0k8NvFHY7H+bFj79jKFcLlyaQStWoakiJ
        ApHvNJG9RnzcW80gvnmjRPYARAvLKzoX56VJ7CnVNxVo/iOHGvF6OOMkcvOR+Cqz
        d+EYXlTib1eUdkok6KEM6siaiugZHhCE1OKCJ8/GtpMMhkWh/XlLWZCOXQqOavA8
        F1ghXe3cJAk4b8nLJJFwqBuBPO2KONdVRWNWZOI2mKSJQ+nG0Znga5azlns2ifWn
        5arMCQx5Ok3hz+CweZlHNtBWKeO0lQl7cE+rML40AWRtGZlA+yd4pjHajSd5lQ0d
        V6dr7jeXAgMBAAECggEAXYVrHW7vKIqQq8Pj1Uq6zXo1sYUk2bdmJCm3Gb37Xz2M
        xqDCgsnNSwYqci6hTb5dnOsJ7P3opZJPuCKUCTWh69S2QvgwsPE5BYzxyJCkDUTY
        hpOlzXVwBsrIIddvHxsm2JTSyhszWBJzVSbGV9TlcxCBQfnZkMMKLvJSmvZ8a627
        z+IR/epRXS1Vr8SS60/xwrDv+NRY7nn0Zr3OeXIfZiHgkfWNhydslK5QVHWDZynF
        q/drkax/A7CMsRn9tddLXh0ICssdL3X1+IFgD8r3cQS1EwG8v57oYHUjtzfFpWyu
        eTcJf+FjMnWk7Z1WoZ4r1skNFGrm03Pt4RH5oEN4IQKBgQD8nW70Jdv3bBi/pLxh
        3L3U4cCIKycdfo8ihHgvyk+KfllRwvJcktu45Em53qICCCzpt/dEarPtvSe8g0dq
        1EDN1WOQL4ynGnO+RNISkT2KkCIVTQzkmtSm1Sve5L40w/RwwRm/MUesfWQrfHsR
        1eyLKuw4p5qLyY8XykR9R7DF/wKBgQDT+QeYJdjXvy+qyb29Znvc7so7RYVYBpcO
        ahvV9d1wNPsTi1AbCYSW0Cyk0BtU73iWNzwOux15nl2hS30gZsVqcWLMI6ndqZwZ
        3uW9b/lzg0JrAuNh1i9D11tNCNSaOUcv47gPAlnZbvd1nQZsK0pSPmmCrtDAbj9d
        FtQZBAb+aQKBgQCVd61jxlbdkdce5aEVImAr6ptZtnbBa9XTLaBTXpgrsNC2oOt4
        POjHAERjNsiS/TVd4JzsnVny6/3r+50xJ39kisMLWCcX5H3hcaT+mXNZXijcg6eC
        R95VDEKV8rBcVil24bqTNtxawiKX3GKRTgtU2MPGTd0SouMIx4Q4wEdnDwKBgBzK
        FNr4QPREdi/nCIsh0S7Xi8XzEkI7WubNSIyNwQ6NU5B6+l1BtK1bBsU3so6dm64j
        QFfr1/v9o0/V1d/BtYxYbAe3zElb0OS+nktVWvbyW+H22XUfRvoa1L6otV9g6ic5
        8XSwaA2dAaUKt6WXV5fF/ESQg6+vCZIWGKZxIpYJAoGBAIYyIK8adkCoEvFAJnqS
        bwlRGiEqKGzQkzQw1TldBwhdW0j7rIFkx/55MnYmQTk1Pz7YYJPdR3uqzF3C7bGB
        TzjaU5Cu3uus1GNAhnE6zm188V/IT7xDA5Laq9w7WGJ9VyhA/mNIEA6RY/6zl4VW
        JA38nfLhZJaK00Vw0AOtEApR
        -----END PRIVATE KEY-----
        """
}
