/// What a client needs to log in to the simulated org as its admin user, by any
/// of the OAuth flows or SOAP login.
public struct SimulatorCredentials: Sendable {
    /// The connected app's consumer key (JWT `iss`, `client_id`).
    public let clientID: String
    public let clientSecret: String
    public let username: String
    /// The password with the security token appended, as the password flows expect it.
    public let password: String
    public let refreshToken: String
    public let orgID: String
    public let userID: String
}
