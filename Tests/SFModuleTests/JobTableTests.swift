import LuaHost
import Testing

@testable import SFModule
@testable import SalesforceBulk

/// The Lua table `sf` makes of a job: every field under Salesforce's name, and `jobType` always.
@Suite struct JobTableTests {
    /// `jobType`, `id` and `state` of the table pushed for `job`, read back by Lua.
    private func table(of job: Job) throws -> [LuaValue] {
        let host = try LuaHost()
        host.state.setGlobal("job") { state in
            state.push(job: job)
            return 1
        }
        return try host.run("local j = job(); return j.jobType, j.id, j.state")
    }

    private func answer(_ json: String, fallback: JobType) throws -> Job {
        try #require(JobDecoding.job(from: Array(json.utf8), fallback: fallback))
    }

    @Test func theAnswersJobTypeIsKept() throws {
        let job = try answer(#"{"id":"7508d000000Gma9AAC","jobType":"V2Query","state":"JobComplete"}"#, fallback: .v2Ingest)
        #expect(job.answer != nil)
        #expect(try table(of: job) == ["V2Query", "7508d000000Gma9AAC", "JobComplete"])
    }

    @Test(arguments: [
        #"{"id":"7508d000000Gma9AAC","state":"Open"}"#,
        #"{"id":"7508d000000Gma9AAC","jobType":null,"state":"Open"}"#,
    ])
    func aJobTypeTheAnswerLacksComesFromTheEndpoint(json: String) throws {
        let job = try answer(json, fallback: .v2Ingest)
        #expect(try table(of: job) == ["V2Ingest", "7508d000000Gma9AAC", "Open"])
    }

    @Test func aJobReadFieldByFieldGetsItsJobTypeToo() throws {
        let job = Job(jobType: .classic, fields: [("id", .string("7508d000000Gma9AAC")), ("state", .string("Closed"))])
        #expect(try table(of: job) == ["Classic", "7508d000000Gma9AAC", "Closed"])
    }
}
