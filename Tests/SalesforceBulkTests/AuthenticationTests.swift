import Crypto
import Simulator
import Testing
import _CryptoExtras

@testable import SalesforceBulk

@Suite(.serialized) struct AuthenticationTests {
    private func login(_ org: SimulatedOrg, _ change: (inout ConnectionSettings) -> Void) -> ConnectionSettings {
        var settings = ConnectionSettings(loginURL: org.server.baseURL, timeoutMilliseconds: 10_000)
        change(&settings)
        return settings
    }

    @Test func everyLoginFlowObtainsASession() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let id = org.job(SimJobSpec(jobType: .v2Ingest))
        let credentials = org.server.credentials
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        try org.server.registerJWTPublicKey(key.publicKey.pemRepresentation, clientID: credentials.clientID)
        let directory = TestDirectory()
        defer { directory.remove() }
        let keyFile = directory.write("server.key", key.pemRepresentation)

        let flows: [(LoginFlow, ConnectionSettings)] = [
            (.jwt, login(org) { $0.clientID = credentials.clientID; $0.username = credentials.username; $0.jwtKeyFile = keyFile }),
            (.refreshToken, login(org) { $0.clientID = credentials.clientID; $0.refreshToken = credentials.refreshToken }),
            (.clientCredentials, login(org) { $0.clientID = credentials.clientID; $0.clientSecret = credentials.clientSecret }),
            (.password, login(org) {
                $0.clientID = credentials.clientID; $0.clientSecret = credentials.clientSecret
                $0.username = credentials.username; $0.password = credentials.password
            }),
            (.soap, login(org) { $0.username = credentials.username; $0.password = credentials.password }),
        ]
        for (flow, settings) in flows {
            let result = await org.run(settings) { (client) throws(SalesforceError) in (client.loginFlow, try client.jobInfo(JobID(id)).id) }
            let (used, jobID) = try result.get()
            #expect(used == flow)
            #expect(jobID == id, "\(flow)")
        }
    }

    @Test func refusedLoginsAreLoginErrors() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let credentials = org.server.credentials
        let oauth = await org.run(login(org) { $0.clientID = credentials.clientID; $0.refreshToken = "wrong" }) { (client) throws(SalesforceError) in
            try client.jobInfo(JobID("750D00000004SkL"))
        }
        #expect(oauth.error?.kind == .login && oauth.error?.code == "invalid_grant")
        org.server.resetRequestLog()
        let soap = await org.run(login(org) { $0.username = credentials.username; $0.password = "wrong" }) { (client) throws(SalesforceError) in
            try client.jobInfo(JobID("750D00000004SkL"))
        }
        #expect(soap.error?.kind == .login && soap.error?.code == "INVALID_LOGIN")
        #expect(!(soap.error?.message.contains("wrong") ?? true))
    }

    @Test func anExpiredSessionIsRefreshedOnceForBothAPIs() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let ingest = org.job(SimJobSpec(jobType: .v2Ingest))
        let classic = org.job(SimJobSpec(jobType: .classic))
        let credentials = org.server.credentials
        var settings = org.tokenSettings
        settings.clientID = credentials.clientID
        settings.refreshToken = credentials.refreshToken
        let server = org.server
        let result = await org.run(settings) { (client) throws(SalesforceError) in
            _ = try client.jobInfo(JobID(ingest))
            server.expireTokens()
            let v2 = try client.jobInfo(JobID(ingest), type: .ingest)
            server.expireTokens()
            let v1 = try client.jobInfo(JobID(classic), type: .classic)
            return [v2.id, v1.id]
        }
        #expect(try result.get() == [ingest, classic])
        #expect(org.requests.filter { $0 == "POST /services/oauth2/token" }.count == 2)
    }

    @Test func anExternalSessionIsNeverRefreshed() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let ingest = org.job(SimJobSpec(jobType: .v2Ingest))
        let credentials = org.server.credentials
        var settings = org.tokenSettings
        settings.externalSession = true
        settings.clientID = credentials.clientID
        settings.refreshToken = credentials.refreshToken
        org.server.expireTokens()
        let error = await org.run(settings) { (client) throws(SalesforceError) in try client.jobInfo(JobID(ingest)) }.error
        #expect(error?.kind == .login && error?.code == "INVALID_SESSION_ID" && error?.status == 401)
        #expect(!org.requests.contains("POST /services/oauth2/token"))
        let token = org.server.accessToken
        #expect(!(error?.description.contains(token) ?? true))
    }

    @Test func anExpiredTokenWithoutALoginIsALoginError() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let classic = org.job(SimJobSpec(jobType: .classic))
        org.server.expireTokens()
        let error = await org.run { (client) throws(SalesforceError) in try client.jobInfo(JobID(classic), type: .classic) }.error
        #expect(error?.kind == .login && error?.code == "INVALID_SESSION_ID" && error?.status == 400)
    }
}
