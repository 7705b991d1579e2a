/// Bulk API 1.0 ("Classic") requests: `/services/async/XX.X/job/{id}` with `X-SFDC-Session`, in XML.
struct Bulk1 {
    let apiVersion: String

    private static let namespace = "http://www.force.com/2009/06/asyncapi/dataload"

    func jobPath(_ id: JobID) -> String { "/services/async/\(apiVersion)/job/\(id.value)" }

    /// GET jobInfo.
    func info(_ id: JobID) -> APIRequest {
        .get(jobPath(id), credential: .sessionHeader, accept: "application/xml")
    }

    /// POST a jobInfo with the new state (`Closed` or `Aborted`).
    func setState(_ id: JobID, to state: TargetState) -> APIRequest {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>\
            <jobInfo xmlns="\(Self.namespace)"><state>\(state.rawValue)</state></jobInfo>
            """
        return APIRequest(
            method: .post, target: .instance(jobPath(id)), credential: .sessionHeader,
            headers: ["Content-Type: application/xml; charset=UTF-8", "Accept: application/xml"], body: Array(body.utf8))
    }

    /// GET the batchInfoList of a job.
    func batches(_ id: JobID) -> APIRequest {
        .get(jobPath(id) + "/batch", credential: .sessionHeader, accept: "application/xml", compressible: true)
    }
}
