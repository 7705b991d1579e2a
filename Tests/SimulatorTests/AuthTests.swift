import Crypto
import Foundation
import Simulator
import XCTest
import _CryptoExtras

final class AuthTests: SimulatorTestCase {
    private var token: String { "\(base)/services/oauth2/token" }
    private let form = ["Content-Type": "application/x-www-form-urlencoded"]

    private func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(
            separator: "&")
    }

    /// Checks a token response and that its token works on the Bulk 2.0 API.
    private func assertGranted(_ result: HTTPResult, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(result.status, 200, result.body, file: file, line: line)
        let body = result.object
        XCTAssertEqual(body["instance_url"] as? String, base, file: file, line: line)
        XCTAssertEqual(body["token_type"] as? String, "Bearer", file: file, line: line)
        XCTAssertNotNil(body["signature"] as? String, file: file, line: line)
        XCTAssertEqual((body["issued_at"] as? String)?.count, 13, file: file, line: line)
        XCTAssertEqual(
            body["id"] as? String, "\(base)/id/\(server.credentials.orgID)/\(server.credentials.userID)", file: file,
            line: line)
        let access = try XCTUnwrap(body["access_token"] as? String, file: file, line: line)
        let use = try http("GET", "\(v2)/jobs/ingest", headers: ["Authorization": "Bearer \(access)"])
        XCTAssertEqual(use.status, 200, file: file, line: line)
    }

    func testPasswordGrant() throws {
        let app = server.credentials
        try assertGranted(
            http(
                "POST", token, headers: form,
                body: encode([
                    ("grant_type", "password"), ("client_id", app.clientID), ("client_secret", app.clientSecret),
                    ("username", app.username), ("password", app.password),
                ])))
        let wrong = try http(
            "POST", token, headers: form,
            body: encode([
                ("grant_type", "password"), ("client_id", app.clientID), ("client_secret", app.clientSecret),
                ("username", app.username), ("password", "nope"),
            ]))
        XCTAssertEqual(wrong.status, 400)
        XCTAssertEqual(wrong.body, #"{"error":"invalid_grant","error_description":"authentication failure"}"#)
    }

    func testClientCredentialsGrantInFormAndBasicAuth() throws {
        let app = server.credentials
        try assertGranted(
            http(
                "POST", token, headers: form,
                body: encode([
                    ("grant_type", "client_credentials"), ("client_id", app.clientID),
                    ("client_secret", app.clientSecret),
                ])))
        let basic = Data("\(app.clientID):\(app.clientSecret)".utf8).base64EncodedString()
        try assertGranted(
            http(
                "POST", token, headers: form.merging(["Authorization": "Basic \(basic)"]) { $1 },
                body: "grant_type=client_credentials"))
        let wrong = try http(
            "POST", token, headers: form,
            body: encode([("grant_type", "client_credentials"), ("client_id", app.clientID), ("client_secret", "x")]))
        XCTAssertEqual(wrong.body, #"{"error":"invalid_client","error_description":"invalid client credentials"}"#)
    }

    func testRefreshTokenGrant() throws {
        let app = server.credentials
        try assertGranted(
            http(
                "POST", token, headers: form,
                body: encode([
                    ("grant_type", "refresh_token"), ("client_id", app.clientID), ("refresh_token", app.refreshToken),
                ])))
        let wrong = try http(
            "POST", token, headers: form,
            body: encode([("grant_type", "refresh_token"), ("client_id", app.clientID), ("refresh_token", "old")]))
        XCTAssertEqual(wrong.status, 400)
        XCTAssertEqual(wrong.body, #"{"error":"invalid_grant","error_description":"expired access/refresh token"}"#)
        let unknownClient = try http(
            "POST", token, headers: form,
            body: encode([
                ("grant_type", "refresh_token"), ("client_id", "someone"), ("refresh_token", app.refreshToken),
            ]))
        XCTAssertEqual(
            unknownClient.body, #"{"error":"invalid_client_id","error_description":"client identifier invalid"}"#)
    }

    func testUnsupportedGrant() throws {
        let result = try http("POST", token, headers: form, body: "grant_type=authorization_code&code=x")
        XCTAssertEqual(result.status, 400)
        XCTAssertEqual(result.object["error"] as? String, "unsupported_grant_type")
    }

    private func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private func assertion(
        key: _RSA.Signing.PrivateKey, issuer: String, subject: String, audience: String, expiresIn: Double = 180
    ) throws -> String {
        let header = base64URL(Data(#"{"alg":"RS256"}"#.utf8))
        let exp = Int(Date().timeIntervalSince1970 + expiresIn)
        let claims = base64URL(
            Data(#"{"iss":"\#(issuer)","sub":"\#(subject)","aud":"\#(audience)","exp":\#(exp)}"#.utf8))
        let signature = try key.signature(
            for: SHA256.hash(data: Data("\(header).\(claims)".utf8)), padding: .insecurePKCS1v1_5)
        return "\(header).\(claims).\(base64URL(signature.rawRepresentation))"
    }

    func testJWTBearerGrant() throws {
        let app = server.credentials
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        try server.registerJWTPublicKey(key.publicKey.pemRepresentation, clientID: app.clientID)
        func post(_ assertion: String) throws -> HTTPResult {
            try http(
                "POST", token, headers: form,
                body: encode([("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion)]))
        }
        try assertGranted(post(assertion(key: key, issuer: app.clientID, subject: app.username, audience: base)))

        let wrongAudience = try post(
            assertion(key: key, issuer: app.clientID, subject: app.username, audience: "https://login.salesforce.com"))
        XCTAssertEqual(wrongAudience.body, #"{"error":"invalid_grant","error_description":"audience is invalid"}"#)
        let expired = try post(
            assertion(key: key, issuer: app.clientID, subject: app.username, audience: base, expiresIn: -60))
        XCTAssertEqual(expired.status, 400)
        XCTAssertEqual(expired.object["error"] as? String, "invalid_grant")
        let otherKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let forged = try post(assertion(key: otherKey, issuer: app.clientID, subject: app.username, audience: base))
        XCTAssertEqual(forged.body, #"{"error":"invalid_grant","error_description":"invalid assertion"}"#)
        let unknownApp = try post(assertion(key: key, issuer: "nobody", subject: app.username, audience: base))
        XCTAssertEqual(unknownApp.object["error"] as? String, "invalid_client_id")
        let stranger = try post(assertion(key: key, issuer: app.clientID, subject: "eve@example.com", audience: base))
        XCTAssertEqual(
            stranger.body, #"{"error":"invalid_grant","error_description":"user hasn't approved this consumer"}"#)
        XCTAssertEqual(try post("not.a.jwt").object["error"] as? String, "invalid_grant")
    }

    func testSoapLogin() throws {
        let app = server.credentials
        func login(_ password: String) throws -> HTTPResult {
            try http(
                "POST", "\(base)/services/Soap/u/66.0",
                headers: ["Content-Type": "text/xml; charset=UTF-8", "SOAPAction": "login"],
                body: """
                    <?xml version="1.0" encoding="utf-8" ?><env:Envelope xmlns:xsd="http://www.w3.org/2001/XMLSchema" \
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:env="http://schemas.xmlsoap.org/soap/envelope/">\
                    <env:Body><n1:login xmlns:n1="urn:partner.soap.sforce.com"><n1:username>\(app.username)</n1:username>\
                    <n1:password>\(password)</n1:password></n1:login></env:Body></env:Envelope>
                    """)
        }
        let ok = try login(app.password)
        XCTAssertEqual(ok.status, 200)
        XCTAssertTrue(
            ok.body.contains("<serverUrl>\(base)/services/Soap/u/66.0/\(app.orgID.prefix(15))</serverUrl>"), ok.body)
        let session = try XCTUnwrap(
            ok.body.range(of: "(?<=<sessionId>)[^<]+", options: .regularExpression).map { String(ok.body[$0]) })
        let job = job(SimJobSpec(jobType: .classic))
        XCTAssertEqual(try http("GET", "\(v1)/job/\(job)", headers: ["X-SFDC-Session": session]).status, 200)

        let refused = try login("wrong")
        XCTAssertEqual(refused.status, 500)
        XCTAssertTrue(refused.body.contains("<faultcode>INVALID_LOGIN</faultcode>"))
        XCTAssertTrue(refused.body.contains("<sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode>"))
    }

    func testExpiredTokensAreRefusedAndNewOnesWork() throws {
        let id = job(SimJobSpec(jobType: .classic))
        server.expireTokens()
        XCTAssertEqual(try http("GET", "\(v2)/jobs/ingest", headers: bearer).status, 401)
        let v1Result = try http("GET", "\(v1)/job/\(id)", headers: ["X-SFDC-Session": server.accessToken])
        XCTAssertEqual(v1Result.status, 400)
        XCTAssertTrue(v1Result.body.contains("<exceptionCode>InvalidSessionId</exceptionCode>"))
        let fresh = server.issueToken()
        XCTAssertEqual(try http("GET", "\(v2)/jobs/ingest", headers: ["Authorization": "Bearer \(fresh)"]).status, 200)
    }
}
