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

    /// Answers whose names differ at some positions (another name, one longer or shorter, an empty
    /// one, one fewer or more), pushed in turn on one state: each table holds exactly its answer's fields.
    @Test func fieldNamesFromTheCacheAreThoseOfEachAnswer() throws {
        let answers = [
            #"{"id":"7508d000000Gma9AAC","state":"Open","object":"Account","jobType":"V2Ingest"}"#,
            #"{"id":"7508d000000Gma9AAC","state":"Open","object":"Account","jobType":"V2Ingest"}"#,
            #"{"id":"7508d000000Gma9AAC","stat":"Open","objects":"Account","jobType":"V2Query"}"#,
            #"{"id":"7508d000000Gma9AAC","":"empty","jobType":"V2Query"}"#,
            #"{"id":"7508d000000Gma9AAC","state":"Closed","object":"Lead","jobType":"V2Ingest","retries":2}"#,
            #"{"id":"7508d000000Gma9AAC","state":"Open"}"#,
        ]
        let jobs = try answers.map { try answer($0, fallback: .v2Ingest) }
        let host = try LuaHost()
        host.state.setGlobal("job") { state in
            guard let index = state.integer(at: 1) else { return 0 }
            state.push(job: jobs[Int(index) - 1])
            return 1
        }
        let script = """
            local out = {}
            for i = 1, \(jobs.count) do
              local names = {}
              for k, v in pairs(job(i)) do names[#names + 1] = k .. "=" .. tostring(v) end
              table.sort(names)
              out[i] = table.concat(names, ",")
            end
            return table.unpack(out)
            """
        #expect(try host.run(script) == [
            "id=7508d000000Gma9AAC,jobType=V2Ingest,object=Account,state=Open",
            "id=7508d000000Gma9AAC,jobType=V2Ingest,object=Account,state=Open",
            "id=7508d000000Gma9AAC,jobType=V2Query,objects=Account,stat=Open",
            "=empty,id=7508d000000Gma9AAC,jobType=V2Query",
            "id=7508d000000Gma9AAC,jobType=V2Ingest,object=Lead,retries=2,state=Closed",
            "id=7508d000000Gma9AAC,jobType=V2Ingest,state=Open",
        ].map { LuaValue.string($0) })
    }
}
