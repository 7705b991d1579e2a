import Foundation
import Simulator
import XCTest

final class ClockTests: SimulatorTestCase {
    func testJobsMoveThroughTheirStatesAsTimePasses() throws {
        let complete = job(SimJobSpec(jobType: .v2Ingest, state: "UploadComplete", records: 500))
        let failing = job(
            SimJobSpec(jobType: .v2Ingest, state: "UploadComplete", outcome: "Failed", errorMessage: "boom"))
        XCTAssertEqual(server.job(complete)?.state, "UploadComplete")
        server.advanceClock(by: 2)
        XCTAssertEqual(server.job(complete)?.state, "InProgress")
        server.advanceClock(by: 4)
        let halfway = try http("GET", "\(v2)/jobs/ingest/\(complete)", headers: bearer).object
        XCTAssertEqual(halfway["numberRecordsProcessed"] as? Int, 250)
        server.advanceClock(by: 4)
        XCTAssertEqual(server.job(complete)?.state, "JobComplete")
        XCTAssertEqual(server.job(complete)?.numberRecordsProcessed, 500)
        XCTAssertEqual(server.job(failing)?.state, "Failed")
        XCTAssertEqual(server.job(failing)?.errorMessage, "boom")
    }

    func testTerminalJobsVanishAfterSevenDaysOpenOnesStay() throws {
        let done = job(SimJobSpec(jobType: .v2Query, state: "JobComplete", ageSeconds: 6 * 86_400))
        let open = job(SimJobSpec(jobType: .v2Ingest, state: "Open", ageSeconds: 30 * 86_400))
        XCTAssertNotNil(server.job(done))
        server.advanceClock(by: 2 * 86_400)
        XCTAssertNil(server.job(done))
        XCTAssertEqual(try http("GET", "\(v2)/jobs/query/\(done)", headers: bearer).status, 404)
        XCTAssertEqual(server.job(open)?.state, "Open")
    }
}

final class RunningClockTests: SimulatorTestCase {
    override var options: SimulatorOptions {
        var options = super.options
        options.clockSpeed = 100
        return options
    }

    func testClockSpeedRunsSimulatedTimeFaster() throws {
        let id = job(SimJobSpec(jobType: .v2Query))
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertEqual(server.job(id)?.state, "JobComplete")
    }
}
