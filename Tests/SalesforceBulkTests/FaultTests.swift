import Foundation
import Simulator
import Testing

@testable import SalesforceBulk

@Suite(.serialized) struct FaultTests {
    @Test func unavailableIsRetriedAfterRetryAfter() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let id = org.job(SimJobSpec(jobType: .v2Ingest))
        org.server.inject(SimFault(.status503, count: 1, retryAfter: 1))
        let started = Date()
        let job = try await org.run { (client) throws(SalesforceError) in try client.jobInfo(JobID(id)) }.get()
        let elapsed = Date().timeIntervalSince(started)
        #expect(job.id == id)
        #expect(elapsed >= 1.0 && elapsed < 3, "\(elapsed)")
        #expect(org.requests.count == 2)
    }

    @Test func retriesGiveUpWithTheLastError() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let id = org.job(SimJobSpec(jobType: .v2Ingest))
        org.server.inject(SimFault(.status503, count: 10, retryAfter: 0))
        let error = await org.run { (client) throws(SalesforceError) in try client.jobInfo(JobID(id), type: .ingest) }.error
        #expect(error?.kind == .rest && error?.status == 503 && error?.retryable == true)
        #expect(org.requests.count == SimulatedOrg.quickRetries.maximumAttempts)
    }

    @Test func droppedConnectionsAreRetried() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let id = org.job(SimJobSpec(jobType: .classic))
        org.server.inject(SimFault(.drop, count: 2))
        let job = try await org.run { (client) throws(SalesforceError) in try client.jobInfo(JobID(id), type: .classic) }.get()
        #expect(job.id == id)
    }

    /// A kept-alive connection that closes after the server carried out a close or a delete: libcurl
    /// sends the request again on a new connection by itself, and the refusal that comes back (the
    /// job is already closed, or gone) counts as done, since the first send may have arrived.
    @Test func aChangeLibcurlSentAgainCountsAsDoneWhenTheJobShowsIt() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let closed = org.job(SimJobSpec(jobType: .v2Ingest, state: "Open"))
        let deleted = org.job(SimJobSpec(jobType: .v2Ingest, state: "JobComplete"))
        org.server.inject(SimFault(.lostAnswer, count: 1, method: "PATCH"))
        org.server.inject(SimFault(.lostAnswer, count: 1, method: "DELETE"))
        let job = try await org.run { (client) throws(SalesforceError) in
            _ = try client.jobInfo(JobID(closed), type: .ingest)  // a connection to keep alive
            let job = try client.closeJob(JobID(closed), state: .closed, type: .ingest)
            try client.deleteJob(JobID(deleted), type: .ingest)
            return job
        }.get()
        #expect(job.state == "UploadComplete")
        #expect(org.requests.filter { $0.hasPrefix("PATCH") }.count == 2)
        #expect(org.requests.filter { $0.hasPrefix("DELETE") }.count == 2)
    }

    @Test func malformedBodiesAreProtocolErrors() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let id = org.job(SimJobSpec(jobType: .v2Ingest))
        org.server.inject(SimFault(.malformed, count: 1))
        let error = await org.run { (client) throws(SalesforceError) in try client.jobInfo(JobID(id)) }.error
        #expect(error?.kind == .protocol && error?.code == "BAD_RESPONSE" && error?.jobID == id)
    }

    @Test func requestLimitIsSurfacedNotHammered() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let id = org.job(SimJobSpec(jobType: .v2Ingest))
        org.server.inject(SimFault(.limitExceeded, count: 5))
        let error = await org.run { (client) throws(SalesforceError) in try client.jobInfo(JobID(id)) }.error
        #expect(error?.code == "REQUEST_LIMIT_EXCEEDED" && error?.status == 403 && error?.kind == .rest && error?.retryable == true)
        #expect(org.requests.count == 1)
    }

    @Test func timeoutsAreHonouredWithinASmallMargin() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let id = org.job(SimJobSpec(jobType: .v2Ingest))
        org.server.inject(SimFault(.delay, count: 5, delaySeconds: 3))
        let started = Date()
        let error = await org.run { (client) throws(SalesforceError) in try client.jobInfo(JobID(id), timeoutMilliseconds: 500) }.error
        let elapsed = Date().timeIntervalSince(started)
        #expect(error?.kind == .timeout && error?.code == "TIMEOUT")
        #expect(elapsed >= 0.5 && elapsed < 0.75, "\(elapsed)")
    }

    @Test func aRetryAfterBeyondTheTimeoutEndsTheCallAtOnce() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let id = org.job(SimJobSpec(jobType: .v2Ingest))
        org.server.inject(SimFault(.status503, count: 1, retryAfter: 4))
        let started = Date()
        let error = await org.run { (client) throws(SalesforceError) in try client.jobInfo(JobID(id), timeoutMilliseconds: 1000) }.error
        #expect(error?.status == 503)
        #expect(Date().timeIntervalSince(started) < 0.9)
    }

    @Test func interruptionStopsAWaitPromptly() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let id = org.job(SimJobSpec(jobType: .v2Ingest))
        org.server.inject(SimFault(.delay, count: 5, delaySeconds: 5))
        let interruption = TestInterruption()
        let started = Date()
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.3)
            interruption.interrupt()
        }
        let error = await org.run(interruption: interruption) { (client) throws(SalesforceError) in try client.jobInfo(JobID(id)) }.error
        #expect(error?.kind == .timeout && error?.code == "INTERRUPTED")
        #expect(Date().timeIntervalSince(started) < 1)
    }

    @Test func interruptionStopsAWaitInALaterCallOfTheSameClient() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let id = org.job(SimJobSpec(jobType: .v2Ingest))
        let interruption = TestInterruption()
        let outcome = try await org.run(interruption: interruption) { (client) throws(SalesforceError) in
            for _ in 0..<3 { _ = try client.jobInfo(JobID(id)) }
            let registered = interruption.wakerCount
            org.server.inject(SimFault(.delay, count: 5, delaySeconds: 5))
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: 0.3)
                interruption.interrupt()
            }
            let started = Date()
            do throws(SalesforceError) {
                _ = try client.jobInfo(JobID(id))
                return (registered, nil as String?, Date().timeIntervalSince(started))
            } catch {
                return (registered, error.code, Date().timeIntervalSince(started))
            }
        }.get()
        #expect(outcome.0 == 1)  // one registration for the client, not one per call
        #expect(outcome.1 == "INTERRUPTED")
        #expect(outcome.2 < 1)
    }

    @Test func refusedConnectionsAreConnectionErrors() async throws {
        var settings = ConnectionSettings(instanceURL: "http://127.0.0.1:9", accessToken: "00Dx!t", timeoutMilliseconds: 3000)
        settings.apiVersion = "66.0"
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let error = await org.run(settings) { (client) throws(SalesforceError) in try client.jobInfo(JobID("750D00000004SkL")) }.error
        #expect(error?.kind == .connection && error?.code == "COULDNT_CONNECT" && error?.retryable == true)
    }

    @Test func plainHTTPIsRefusedForRemoteHosts() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let settings = ConnectionSettings(instanceURL: "http://example.com", accessToken: "00Dx!t")
        let error = await org.run(settings) { (client) throws(SalesforceError) in try client.jobInfo(JobID("750D00000004SkL")) }.error
        #expect(error?.kind == .connection && error?.code == "INSECURE_URL")
    }
}
