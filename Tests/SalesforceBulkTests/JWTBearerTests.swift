import Crypto
import Testing
import _CryptoExtras

@testable import SalesforceBulk

@Suite struct JWTBearerTests {
    @Test func assertionIsSignedRS256() throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let directory = TestDirectory()
        defer { directory.remove() }
        let file = directory.write("server.key", key.pemRepresentation)
        let signer = try JWTBearer(keyFile: file)
        let jwt = try signer.assertion(clientID: "client", username: "ops@acme.com", audience: "https://login.salesforce.com", now: 1000)
        let parts = jwt.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        #expect(String(decoding: try #require(base64URLDecode(parts[0])), as: UTF8.self) == #"{"alg":"RS256"}"#)
        #expect(String(decoding: try #require(base64URLDecode(parts[1])), as: UTF8.self)
            == #"{"iss":"client","sub":"ops@acme.com","aud":"https://login.salesforce.com","exp":1180}"#)
        let signature = _RSA.Signing.RSASignature(rawRepresentation: try #require(base64URLDecode(parts[2])))
        #expect(key.publicKey.isValidSignature(signature, for: Array((parts[0] + "." + parts[1]).utf8), padding: .insecurePKCS1v1_5))
    }

    @Test func badKeyFilesAreLoginErrors() {
        let directory = TestDirectory()
        defer { directory.remove() }
        let file = directory.write("bad.key", "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n")
        #expect(throws: SalesforceError.self) { try JWTBearer(keyFile: file) }
        #expect(throws: SalesforceError.self) { try JWTBearer(keyFile: directory.path + "/missing.key") }
    }

    private func base64URLDecode(_ text: String) -> [UInt8]? {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in text.utf8 {
            guard let value = alphabet.firstIndex(of: byte) else { return nil }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return out
    }
}
