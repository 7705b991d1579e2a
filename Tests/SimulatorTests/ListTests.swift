import Foundation
import Simulator
import XCTest

final class ListTests: SimulatorTestCase {
    override var options: SimulatorOptions {
        var options = super.options
        options.pageSize = 10
        return options
    }

    func testPagesFollowNextRecordsUrlUntilDone() throws {
        let ids = (0..<23).map { _ in job(SimJobSpec(jobType: .v2Ingest)) }
        var seen: [String] = []
        var url = "\(v2)/jobs/ingest"
        var pages = 0
        while true {
            let page = try http("GET", url, headers: bearer)
            XCTAssertEqual(page.status, 200)
            pages += 1
            let records = try XCTUnwrap(page.object["records"] as? [[String: Any]])
            seen += records.compactMap { $0["id"] as? String }
            if page.object["done"] as? Bool == true {
                XCTAssertTrue(page.object["nextRecordsUrl"] is NSNull)
                break
            }
            let next = try XCTUnwrap(page.object["nextRecordsUrl"] as? String)
            XCTAssertTrue(next.hasPrefix("/services/data/v66.0/jobs/ingest?queryLocator="), next)
            url = base + next
        }
        XCTAssertEqual(pages, 3)
        XCTAssertEqual(seen, ids)
    }

    func testListRecordsCarrySummaryFields() throws {
        job(SimJobSpec(jobType: .v2Query, state: "JobComplete"))
        let record = try XCTUnwrap(
            (try http("GET", "\(v2)/jobs/query", headers: bearer).object["records"] as? [[String: Any]])?.first)
        XCTAssertEqual(
            Set(record.keys),
            [
                "id", "operation", "object", "createdById", "createdDate", "systemModstamp", "state", "concurrencyMode",
                "contentType", "apiVersion", "jobType", "lineEnding", "columnDelimiter",
            ])
    }

    func testDeletingWhilePagingSkipsNothing() throws {
        let ids = (0..<15).map { _ in job(SimJobSpec(jobType: .v2Ingest, state: "JobComplete", ageSeconds: 100)) }
        let first = try http("GET", "\(v2)/jobs/ingest", headers: bearer)
        for id in ids.prefix(10) {
            XCTAssertEqual(try http("DELETE", "\(v2)/jobs/ingest/\(id)", headers: bearer).status, 204)
        }
        let next = try XCTUnwrap(first.object["nextRecordsUrl"] as? String)
        let second = try http("GET", base + next, headers: bearer)
        let records = try XCTUnwrap(second.object["records"] as? [[String: Any]])
        XCTAssertEqual(records.compactMap { $0["id"] as? String }, Array(ids.suffix(5)))
    }

    func testFiltersAndWhichListShowsWhat() throws {
        let ingest = job(SimJobSpec(jobType: .v2Ingest))
        let bigObject = job(SimJobSpec(jobType: .bigObjectIngest, object: "Reading__b"))
        let query = job(SimJobSpec(jobType: .v2Query))
        let classic = job(SimJobSpec(jobType: .classic))
        let chunked = job(SimJobSpec(jobType: .classic, pkChunking: true))
        func ids(_ path: String) throws -> Set<String> {
            let page = try http("GET", "\(v2)/\(path)", headers: bearer)
            XCTAssertEqual(page.status, 200, path)
            return Set((page.object["records"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        }
        XCTAssertEqual(try ids("jobs/ingest"), [ingest, bigObject, classic, chunked])
        XCTAssertEqual(try ids("jobs/query"), [query, classic, chunked])
        XCTAssertEqual(try ids("jobs/ingest?jobType=Classic"), [classic, chunked])
        XCTAssertEqual(try ids("jobs/ingest?jobType=BigObjectIngest"), [bigObject])
        XCTAssertEqual(try ids("jobs/query?jobType=V2Query"), [query])
        XCTAssertEqual(try ids("jobs/query?isPkChunkingEnabled=true"), [chunked])
        XCTAssertEqual(try ids("jobs/ingest?isPkChunkingEnabled=false&jobType=V2Ingest"), [ingest])
        XCTAssertEqual(try ids("jobs/query?concurrencyMode=parallel"), [query, classic, chunked])
    }

    func testUnknownLocatorIsRefused() throws {
        let result = try http("GET", "\(v2)/jobs/ingest?queryLocator=01g8d0000000001-10", headers: bearer)
        XCTAssertEqual(result.status, 400)
        XCTAssertTrue(result.body.contains("INVALID_QUERY_LOCATOR"))
    }
}

final class SeedDataTests: SimulatorTestCase {
    override var options: SimulatorOptions {
        var options = SimulatorOptions()
        options.jobs = 300
        options.seed = 42
        options.clockSpeed = 0
        return options
    }

    func testSeededOrgLooksLikeAnOrgInTrouble() throws {
        var records: [[String: Any]] = []
        for path in ["jobs/ingest", "jobs/query"] {
            records += try http("GET", "\(v2)/\(path)", headers: bearer).object["records"] as? [[String: Any]] ?? []
        }
        let unique = Dictionary(records.map { ($0["id"] as? String ?? "", $0) }) { first, _ in first }
        XCTAssertEqual(unique.count, 300)
        let kinds = Set(unique.values.compactMap { $0["jobType"] as? String })
        XCTAssertEqual(kinds, ["V2Ingest", "V2Query", "Classic", "BigObjectIngest"])
        let states = Set(unique.values.compactMap { $0["state"] as? String })
        XCTAssertTrue(states.isSuperset(of: ["Open", "Closed", "JobComplete", "Failed", "Aborted"]), "\(states)")
        let staleOpenIngest = unique.values.filter {
            $0["jobType"] as? String == "V2Ingest" && $0["state"] as? String == "Open"
        }
        XCTAssertGreaterThan(staleOpenIngest.count, 5)
        let stuck =
            try http("GET", "\(v2)/jobs/query?isPkChunkingEnabled=true", headers: bearer).object["records"]
            as? [[String: Any]] ?? []
        let stuckOpen = stuck.filter { $0["state"] as? String == "Open" }
        XCTAssertGreaterThan(stuckOpen.count, 3)
        let sample = try XCTUnwrap(stuckOpen.first?["id"] as? String)
        XCTAssertEqual(server.job(sample)?.batchStates.first, "NotProcessed")
        let failed = try XCTUnwrap(
            unique.values.first { $0["state"] as? String == "Failed" && $0["jobType"] as? String == "V2Ingest" })
        let info = try http("GET", "\(v2)/jobs/ingest/\(failed["id"] as? String ?? "")", headers: bearer).object
        XCTAssertNotNil(info["errorMessage"] as? String)
    }

    func testSameSeedSameOrg() async throws {
        var options = self.options
        options.startTime = server.now
        let twin = try await SimulatorServer.start(options)
        let mine = try http("GET", "\(v2)/jobs/ingest", headers: bearer).object["records"] as? [[String: Any]] ?? []
        let theirs =
            try http(
                "GET", "\(twin.baseURL)/services/data/v66.0/jobs/ingest",
                headers: ["Authorization": "Bearer \(twin.accessToken)"]
            ).object["records"] as? [[String: Any]] ?? []
        XCTAssertEqual(mine.map { $0["id"] as? String }, theirs.map { $0["id"] as? String })
        XCTAssertEqual(mine.map { $0["state"] as? String }, theirs.map { $0["state"] as? String })
        await twin.stop()
    }
}
