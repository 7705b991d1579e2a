/// Bulk API 2.0 requests: `/services/data/vXX.X/jobs/{ingest|query}[/{id}]` with a bearer token.
struct Bulk2 {
    let apiVersion: String
    /// `/services/data/vXX.X/jobs/ingest/` and `…/query/`: a job's path is one of them and its id.
    private let ingestJobs: String
    private let queryJobs: String

    init(apiVersion: String) {
        self.apiVersion = apiVersion
        ingestJobs = "/services/data/v\(apiVersion)/jobs/ingest/"
        queryJobs = "/services/data/v\(apiVersion)/jobs/query/"
    }

    enum Kind: String {
        case ingest, query

        var jobType: JobType { self == .ingest ? .v2Ingest : .v2Query }
    }

    func jobPath(_ kind: Kind, _ id: JobID) -> String {
        (kind == .ingest ? ingestJobs : queryJobs) + id.value
    }

    /// GET job info.
    func info(_ kind: Kind, _ id: JobID) -> APIRequest {
        .get(jobPath(kind, id), credential: .bearer)
    }

    /// PATCH `{"state":"UploadComplete"}` or `{"state":"Aborted"}`.
    func setState(_ kind: Kind, _ id: JobID, to state: String) -> APIRequest {
        APIRequest(
            method: .patch, target: .instance(jobPath(kind, id)), credential: .bearer,
            headers: ["Content-Type: application/json; charset=UTF-8", "Accept: application/json"],
            body: Array("{\"state\":\"\(state)\"}".utf8))
    }

    /// DELETE (204 No Content on success).
    func delete(_ kind: Kind, _ id: JobID) -> APIRequest {
        APIRequest(
            method: .delete, target: .instance(jobPath(kind, id)), credential: .bearer, headers: ["Accept: application/json"],
            body: nil)
    }

    /// GET the first page of a job list, with Salesforce's own filters.
    func list(_ kind: Kind, jobType: JobType?, pkChunking: Bool?) -> APIRequest {
        var query: [(String, String)] = []
        if let jobType { query.append(("jobType", jobType.rawValue)) }
        if pkChunking == true { query.append(("isPkChunkingEnabled", "true")) }
        let suffix = query.isEmpty ? "" : "?" + FormEncoding.encode(query)
        return .get("/services/data/v\(apiVersion)/jobs/\(kind.rawValue)" + suffix, credential: .bearer, compressible: true)
    }

    /// GET the org's limits.
    func limits() -> APIRequest {
        .get("/services/data/v\(apiVersion)/limits", credential: .bearer, compressible: true)
    }
}
