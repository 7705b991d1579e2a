import Simulator
import Testing

@testable import SalesforceBulk

@Suite(.serialized) struct JobOperationTests {
    @Test func jobInfoFindsEveryKindOfJob() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let ingest = org.job(SimJobSpec(jobType: .v2Ingest))
        let query = org.job(SimJobSpec(jobType: .v2Query))
        let classic = org.job(SimJobSpec(jobType: .classic))
        let jobs = try await org.run { (client) throws(SalesforceError) in
            [try client.jobInfo(JobID(ingest)), try client.jobInfo(JobID(query)), try client.jobInfo(JobID(classic), type: .classic),
             try client.jobInfo(JobID(classic))]
        }.get()
        #expect(jobs.map(\.jobType) == [.v2Ingest, .v2Query, .classic, .classic])
        #expect(jobs.map(\.id) == [ingest, query, classic, classic])
        #expect(jobs[0]["apiVersion"] == .string("66.0"))
        #expect(jobs[2]["numberBatchesTotal"]?.integerValue != nil)
        #expect(jobs[2]["jobType"] == .string("Classic"))
    }

    @Test func everyRequestNamesTheClientAndOnlyLongAnswersAreAskedForCompressed() async throws {
        let org = try await SimulatedOrg.start(pageSize: 2)
        defer { Task { await org.stop() } }
        let ingest = org.job(SimJobSpec(jobType: .v2Ingest, state: "Open"))
        let classic = org.job(SimJobSpec(jobType: .classic, state: "Open", batches: 2))
        for _ in 0..<2 { org.job(SimJobSpec(jobType: .v2Ingest, state: "JobComplete")) }
        // One after another on one transfer, so the option is switched on and off again.
        let (listed, batches, limits) = try await org.run { (client) throws(SalesforceError) in
            _ = try client.jobInfo(JobID(ingest))
            let listed = try client.jobPages(JobFilter(type: .ingest)).all()
            _ = try client.closeJob(JobID(ingest), state: .closed)
            let batches = try client.batches(JobID(classic))
            let limits = try client.limits()
            _ = try client.closeJob(JobID(classic), state: .closed, type: .classic)
            return (listed, batches, limits)
        }.get()
        // The simulator gzips what was asked for compressed, and libcurl decodes it.
        #expect(listed.count == 4)  // the ingest list holds Bulk 1.0 jobs too
        #expect(batches.count == 2)
        #expect(limits.contains { $0.name == "DailyApiRequests" })
        let log = org.server.requestLog
        #expect(log.map(\.answerEncoding) == log.map { $0.acceptEncoding == nil ? nil : "gzip" })
        #expect(log.allSatisfy { $0.userAgent == "sfjobs/\(SalesforceClient.version)" })
        let compressed = log.filter { $0.acceptEncoding == "gzip, deflate" }.map { "\($0.method) \($0.path)" }
        let plain = log.filter { $0.acceptEncoding == nil }.map { "\($0.method) \($0.path)" }
        let jobs = "/services/data/v\(ConnectionSettings.defaultAPIVersion)/jobs/ingest"
        let classicJob = "/services/async/\(ConnectionSettings.defaultAPIVersion)/job/\(classic)"
        #expect(compressed == [
            "GET \(jobs)", "GET \(jobs)", "GET \(classicJob)/batch",
            "GET /services/data/v\(ConnectionSettings.defaultAPIVersion)/limits",
        ])
        // a close without a type reads the job first
        #expect(plain == ["GET \(jobs)/\(ingest)", "GET \(jobs)/\(ingest)", "PATCH \(jobs)/\(ingest)", "POST \(classicJob)"])
    }

    @Test func unknownJobIsNotFoundAfterTryingEveryAPI() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let missing = SalesforceID(prefix: "750", counter: 999_999).value
        let error = await org.run { (client) throws(SalesforceError) in try client.jobInfo(JobID(missing)) }.error
        #expect(error?.kind == .rest && error?.code == "NOT_FOUND" && error?.status == 404 && error?.jobID == missing)
        #expect(org.requests.count == 3)
    }

    @Test func invalidIDsAreRejectedBeforeAnyRequest() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let results = await org.run { client in
            client.jobInfos(["001D00000004SkL", "750D00000004SkLIAX", "nope"], concurrency: 4).map(\.error?.code)
        }
        #expect(try results.get() == ["INVALID_ID", "INVALID_ID", "INVALID_ID"])
        #expect(org.requests.isEmpty)
    }

    @Test func closeFollowsTheContract() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let ingest = org.job(SimJobSpec(jobType: .v2Ingest, state: "Open"))
        let query = org.job(SimJobSpec(jobType: .v2Query, state: "InProgress"))
        let classic = org.job(SimJobSpec(jobType: .classic, state: "Open"))
        let closedIngest = try await org.run { (client) throws(SalesforceError) in try client.closeJob(JobID(ingest), state: .closed) }.get()
        #expect(closedIngest.state == "UploadComplete" && closedIngest.jobType == .v2Ingest)
        let closedClassic = try await org.run { (client) throws(SalesforceError) in
            try client.closeJob(JobID(classic), state: .closed, type: .classic)
        }.get()
        #expect(closedClassic.state == "Closed" && closedClassic.jobType == .classic)
        #expect(org.requests.last == "POST /services/async/66.0/job/\(classic)")

        org.server.resetRequestLog()
        let refused = await org.run { (client) throws(SalesforceError) in try client.closeJob(JobID(query), state: .closed, type: .query) }
        #expect(refused.error?.kind == .argument && refused.error?.code == "INVALID_STATE" && refused.error?.message.contains("Aborted") == true)
        #expect(org.requests.isEmpty)
        let unknownType = await org.run { (client) throws(SalesforceError) in try client.closeJob(JobID(query), state: .closed) }
        #expect(unknownType.error?.code == "INVALID_STATE")
        #expect(!org.requests.contains { $0.hasPrefix("PATCH") })
        let aborted = try await org.run { (client) throws(SalesforceError) in try client.closeJob(JobID(query), state: .aborted) }.get()
        #expect(aborted.state == "Aborted" && aborted.jobType == .v2Query)
    }

    @Test func closingAJobAlreadyClosedIsSalesforcesError() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let classic = org.job(SimJobSpec(jobType: .classic, state: "Closed"))
        let error = await org.run { (client) throws(SalesforceError) in try client.closeJob(JobID(classic), state: .closed) }.error
        #expect(error?.kind == .rest && error?.code == "InvalidJobState" && error?.status == 400)
    }

    @Test func aRetriedCloseThatArrivedSucceeds() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let ingest = org.job(SimJobSpec(jobType: .v2Ingest, state: "Open"))
        org.server.inject(SimFault(.drop, count: 1, method: "PATCH"))
        let result = await org.run { (client) throws(SalesforceError) in try client.closeJob(JobID(ingest), state: .aborted, type: .ingest) }
        #expect(try result.get().state == "Aborted")
    }

    @Test func dryRunSendsNoStateChange() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let ingest = org.job(SimJobSpec(jobType: .v2Ingest, state: "Open"))
        var settings = org.tokenSettings
        settings.dryRun = true
        let (closed, deleted) = try await org.run(settings) { (client) throws(SalesforceError) in
            (try client.closeJob(JobID(ingest), state: .aborted), try client.deleteJob(JobID(ingest)))
        }.get()
        #expect(closed.state == "Open" && deleted?.state == "Open")
        #expect(org.requests.allSatisfy { $0.hasPrefix("GET ") })
        #expect(org.server.job(ingest)?.state == "Open")
    }

    @Test func deleteRemovesV2JobsOnly() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let query = org.job(SimJobSpec(jobType: .v2Query, state: "JobComplete"))
        let classic = org.job(SimJobSpec(jobType: .classic, state: "Closed"))
        let after = await org.run { (client) throws(SalesforceError) in
            try client.deleteJob(JobID(query))
            return try client.jobInfo(JobID(query), type: .query)
        }
        #expect(after.error?.code == "NOT_FOUND")
        let refused = await org.run { (client) throws(SalesforceError) in try client.deleteJob(JobID(classic), type: .classic) }
        #expect(refused.error?.kind == .argument)
    }

    /// A delete of a classic job without a type: both Bulk 2.0 DELETEs find nothing, one Bulk 1.0 read tells
    /// why, and the answer is the dry run's (an `argument` error); an id no API has stays `NOT_FOUND`.
    @Test func deleteWithoutATypeTellsAClassicJobFromNoJob() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let classic = org.job(SimJobSpec(jobType: .classic, state: "Closed"))
        let refused = await org.run { (client) throws(SalesforceError) in try client.deleteJob(JobID(classic)) }
        #expect(refused.error?.kind == .argument)
        #expect(refused.error?.message == "Bulk API 1.0 jobs cannot be deleted")
        var dry = org.tokenSettings
        dry.dryRun = true
        let dryRefused = await org.run(dry) { (client) throws(SalesforceError) in try client.deleteJob(JobID(classic)) }
        #expect(dryRefused.error == refused.error)
        #expect(org.server.job(classic)?.state == "Closed")
        let missing = await org.run { (client) throws(SalesforceError) in try client.deleteJob(JobID("750000000000001AAA")) }
        #expect(missing.error?.code == "NOT_FOUND" && missing.error?.kind == .rest && missing.error?.status == 404)
        let methods = org.requests.suffix(3).map { String($0.prefix(while: { $0 != " " })) }
        #expect(methods == ["DELETE", "DELETE", "GET"])
    }

    @Test func batchesAndLimits() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        let classic = org.job(SimJobSpec(jobType: .classic, state: "Open", batches: 3))
        let (batches, before, limits, usage) = try await org.run { (client) throws(SalesforceError) in
            (try client.batches(JobID(classic)), client.apiUsage, try client.limits(), client.apiUsage)
        }.get()
        #expect(batches.count == 3 && batches.allSatisfy { $0.id?.hasPrefix("751") == true })
        #expect(limits.contains { $0.name == "DailyApiRequests" })
        // From the last answer's header: one request more than after the batches.
        #expect(usage != nil && usage!.limit == 100_000 && usage!.used == (before?.used ?? -1) + 1)
    }

    @Test func listsArePagedFilteredAndDeduplicated() async throws {
        let org = try await SimulatedOrg.start(pageSize: 3)
        defer { Task { await org.stop() } }
        for _ in 0..<4 { org.job(SimJobSpec(jobType: .v2Ingest, state: "JobComplete", object: "Account")) }
        for _ in 0..<2 { org.job(SimJobSpec(jobType: .v2Query, state: "JobComplete", object: "Contact")) }
        for _ in 0..<2 { org.job(SimJobSpec(jobType: .classic, state: "Open", object: "Lead")) }
        let (all, accounts, openClassic, firstPage) = try await org.run { (client) throws(SalesforceError) in
            let pages = client.jobPages(JobFilter(pageSize: 2))
            let first = try pages.next()
            return (
                try client.jobPages(JobFilter()).all(), try client.jobPages(JobFilter(type: .ingest, object: "account")).all(),
                try client.jobPages(JobFilter(jobType: .classic, states: ["open"])).all(), first
            )
        }.get()
        #expect(all.count == 8 && Set(all.compactMap(\.id)).count == 8)
        #expect(accounts.count == 4)
        #expect(openClassic.count == 2 && openClassic.allSatisfy { $0.jobType == .classic })
        #expect(firstPage?.count == 2)
    }

    @Test func manyJobsAtOnceKeepInputOrder() async throws {
        let org = try await SimulatedOrg.start()
        defer { Task { await org.stop() } }
        var ids: [String] = []
        for index in 0..<20 { ids.append(org.job(SimJobSpec(jobType: index % 3 == 0 ? .v2Query : .v2Ingest, state: "Open"))) }
        let input = ids + ["bad"]
        let infos = try await org.run { client in client.jobInfos(input, concurrency: 8) }.get()
        #expect(infos.count == 21)
        #expect(infos.prefix(20).map { try? $0.get().id } == ids.map { Optional($0) })
        #expect(infos[20].error?.code == "INVALID_ID")
        let toClose = ids
        let closed = try await org.run { client in client.closeJobs(toClose, state: .aborted, concurrency: 8) }.get()
        #expect(closed.allSatisfy { (try? $0.get().state) == "Aborted" })
    }
}
