import Crypto
import _CryptoExtras

/// The assertion of the OAuth JWT bearer flow: `{"alg":"RS256"}` and the claims
/// `iss` (client id), `sub` (username), `aud` (login or audience URL) and `exp`
/// (three minutes ahead), signed with RSASSA-PKCS1-v1_5 SHA-256.
struct JWTBearer {
    private let key: _RSA.Signing.PrivateKey

    /// Reads a PEM RSA private key (PKCS#1 or PKCS#8) from `keyFile`.
    init(keyFile: String) throws(SalesforceError) {
        guard let pem = try ProfileFile.readText(keyFile) else {
            throw SalesforceError(kind: .login, code: "INVALID_KEY_FILE", message: "the JWT key file \(keyFile) does not exist")
        }
        try self.init(pem: pem, source: keyFile)
    }

    init(pem: String, source: String) throws(SalesforceError) {
        do {
            key = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        } catch {
            throw SalesforceError(
                kind: .login, code: "INVALID_KEY_FILE", message: "\(source) does not hold a PEM RSA private key of 2048 bits or more")
        }
    }

    /// A signed assertion valid for three minutes from `now` (seconds since the epoch).
    func assertion(clientID: String, username: String, audience: String, now: Double) throws(SalesforceError) -> String {
        let header = #"{"alg":"RS256"}"#
        let claims = "{\"iss\":\(JSONValue.quote(clientID)),\"sub\":\(JSONValue.quote(username)),"
            + "\"aud\":\(JSONValue.quote(audience)),\"exp\":\(Int64(now) + 180)}"
        let signingInput = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(claims.utf8))
        let signature: _RSA.Signing.RSASignature
        do {
            signature = try key.signature(for: Array(signingInput.utf8), padding: .insecurePKCS1v1_5)
        } catch {
            throw SalesforceError(kind: .login, code: "JWT_SIGNING_FAILED", message: "could not sign the JWT assertion")
        }
        return signingInput + "." + Base64URL.encode(Array(signature.rawRepresentation))
    }
}

/// Base64 with the URL alphabet and no padding (RFC 4648 §5), as JWTs use it.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index + 2 < bytes.count {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let n = UInt32(bytes[index]) << 16
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)]]
        } else if rest == 2 {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)]]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
