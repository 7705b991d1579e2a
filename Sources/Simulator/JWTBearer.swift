import Crypto
import Foundation
import _CryptoExtras

/// Checks a JWT bearer assertion the way the token endpoint does: RS256 signed
/// with the connected app's certificate key, `iss` the client id, `sub` the
/// username, `aud` the login URL, `exp` in the future.
enum JWTBearer {
    /// Why an assertion was refused: the OAuth `error` and `error_description`.
    struct Refusal: Error, Equatable {
        var error: String
        var description: String
    }

    /// Answers the username (`sub`) of a valid assertion.
    static func verify(
        _ assertion: String, audience: String, now: Double, key: (String) -> _RSA.Signing.PublicKey?
    ) throws(Refusal) -> String {
        let parts = assertion.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = decode(parts[0]), let claimsData = decode(parts[1]),
            let signature = decode(parts[2]),
            let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any],
            let claims = try? JSONSerialization.jsonObject(with: claimsData) as? [String: Any]
        else { throw Refusal(error: "invalid_grant", description: "invalid assertion") }
        guard header["alg"] as? String == "RS256" else {
            throw Refusal(error: "invalid_grant", description: "invalid assertion")
        }
        guard let issuer = claims["iss"] as? String, let publicKey = key(issuer) else {
            throw Refusal(error: "invalid_client_id", description: "client identifier invalid")
        }
        let signed = Data((parts[0] + "." + parts[1]).utf8)
        guard
            publicKey.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: signed),
                padding: .insecurePKCS1v1_5)
        else { throw Refusal(error: "invalid_grant", description: "invalid assertion") }
        let audiences = (claims["aud"] as? [String]) ?? [(claims["aud"] as? String) ?? ""]
        guard audiences.contains(where: { trimmed($0) == trimmed(audience) }) else {
            throw Refusal(error: "invalid_grant", description: "audience is invalid")
        }
        guard let expiry = (claims["exp"] as? NSNumber)?.doubleValue, expiry > now else {
            throw Refusal(error: "invalid_grant", description: "expired authorization code")
        }
        guard let subject = claims["sub"] as? String else {
            throw Refusal(error: "invalid_grant", description: "invalid assertion")
        }
        return subject
    }

    private static func trimmed(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    /// Base64url without padding, as JWT writes it.
    static func decode(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
