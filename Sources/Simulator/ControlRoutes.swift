import Foundation
import Hummingbird
import SalesforceBulk

/// The control API under `/__simulator/`: tests that drive a built binary use it
/// to shape the org. It needs no session (the org listens on loopback only).
///
/// - `POST /jobs` `{"jobType":"V2Ingest|V2Query|Classic|BigObjectIngest","state":…,"object":…,"operation":…,
///   "ageSeconds":N,"pkChunking":bool,"chunkSize":N,"batches":N,"records":N,"outcome":"JobComplete|Failed",
///   "errorMessage":…,"createdById":…,"contentType":…,"apiVersion":…,"query":…}` → 201 and the job;
///   `GET /jobs/{id}` → the job.
/// - `POST /faults` `{"fault":"status503|status429|drop|lostAnswer|delay|malformed|limitExceeded|expireTokens|hugeBody|
///   endlessHeaders|slowDrip|invalidUTF8|wrongContentType","count":N,"retryAfter":S,"seconds":S,"interval":ms,
///   "method":…,"path":prefix}` → 201; `DELETE /faults` clears them.
/// - `POST /expire-tokens` → 204; `POST /tokens` → `{"access_token":…}`.
/// - `POST /advance` `{"seconds":N}` and `GET /clock` → `{"now":date}`.
/// - `GET /requests` → `{"requests":[{"method","path","query","status","fault"}]}`; `DELETE /requests`.
/// - `GET /hostile` → `{"endlessHeadersUrl":…}`: a listener whose answers are header lines that never end.
/// - `GET /credentials` → instance and login URL, client id and secret, username, password, refresh token;
///   `POST /jwt-keys` `{"clientId":…,"publicKey":PEM}` → 204.
struct ControlRoutes {
    let org: SimulatedOrg

    func register(on router: Router<SimulatorContext>) {
        router.post("/__simulator/jobs") { request, _ in try await createJob(request) }
        router.get("/__simulator/jobs/:id") { _, context in
            guard let id = context.parameters.get("id"), let job = org.job(id) else {
                return Self.error(.notFound, "no such job")
            }
            return Reply.json(.ok, job.json)
        }
        router.post("/__simulator/faults") { request, _ in try await addFault(request) }
        router.delete("/__simulator/faults") { _, _ in
            org.faults.clear()
            return Reply.empty(.noContent)
        }
        router.post("/__simulator/expire-tokens") { _, _ in
            org.auth.expireAll()
            return Reply.empty(.noContent)
        }
        router.post("/__simulator/tokens") { _, _ in
            var body = JSONWriter()
            body.string("access_token", org.auth.issueToken())
            return Reply.json(.ok, body.result)
        }
        router.post("/__simulator/advance") { request, _ in
            let body = try await Self.object(request)
            guard let seconds = (body?["seconds"] as? NSNumber)?.doubleValue, seconds >= 0 else {
                return Self.error(.badRequest, "advance needs {\"seconds\": N} with N >= 0")
            }
            org.jobs.advance(by: seconds)
            return Reply.json(.ok, clock())
        }
        router.get("/__simulator/clock") { _, _ in Reply.json(.ok, clock()) }
        router.get("/__simulator/requests") { _, _ in Reply.json(.ok, requests()) }
        router.delete("/__simulator/requests") { _, _ in
            org.log.clear()
            return Reply.empty(.noContent)
        }
        router.get("/__simulator/credentials") { _, _ in Reply.json(.ok, credentials()) }
        router.get("/__simulator/hostile") { _, _ in
            var out = JSONWriter()
            out.string("endlessHeadersUrl", org.endlessHeadersURL)
            return Reply.json(.ok, out.result)
        }
        router.post("/__simulator/jwt-keys") { request, _ in
            let body = try await Self.object(request)
            guard let clientID = body?["clientId"] as? String, let pem = body?["publicKey"] as? String,
                (try? org.auth.registerJWTKey(pem, clientID: clientID)) != nil
            else { return Self.error(.badRequest, "jwt-keys needs {\"clientId\": …, \"publicKey\": PEM}") }
            return Reply.empty(.noContent)
        }
    }

    private func createJob(_ request: Request) async throws -> Response {
        guard let body = try await Self.object(request) else {
            return Self.error(.badRequest, "body must be a JSON object")
        }
        let typeName = body["jobType"] as? String ?? SimJobType.v2Ingest.rawValue
        guard let jobType = SimJobType(rawValue: typeName) else {
            return Self.error(.badRequest, "jobType must be one of V2Ingest, V2Query, Classic, BigObjectIngest")
        }
        var spec = SimJobSpec(jobType: jobType)
        spec.state = body["state"] as? String
        if let state = spec.state, !Self.states(of: jobType).contains(state) {
            return Self.error(.badRequest, "a \(typeName) job has no state \(state)")
        }
        spec.object = body["object"] as? String ?? spec.object
        spec.operation = body["operation"] as? String
        spec.ageSeconds = (body["ageSeconds"] as? NSNumber)?.doubleValue ?? 0
        spec.pkChunking = body["pkChunking"] as? Bool ?? false
        spec.chunkSize = (body["chunkSize"] as? NSNumber)?.intValue ?? spec.chunkSize
        spec.batches = (body["batches"] as? NSNumber)?.intValue
        spec.records = (body["records"] as? NSNumber)?.intValue ?? spec.records
        spec.outcome = body["outcome"] as? String ?? spec.outcome
        spec.errorMessage = body["errorMessage"] as? String
        spec.createdById = body["createdById"] as? String
        spec.contentType = body["contentType"] as? String
        spec.apiVersion = body["apiVersion"] as? String
        spec.query = body["query"] as? String
        return Reply.json(.created, org.createJob(spec).json)
    }

    private func addFault(_ request: Request) async throws -> Response {
        guard let body = try await Self.object(request), let name = body["fault"] as? String,
            let kind = SimFaultKind(rawValue: name)
        else {
            let names = SimFaultKind.allCases.map(\.rawValue).joined(separator: ", ")
            return Self.error(.badRequest, "fault must be one of \(names)")
        }
        let fault = SimFault(
            kind, count: (body["count"] as? NSNumber)?.intValue ?? 1,
            retryAfter: (body["retryAfter"] as? NSNumber)?.intValue ?? 1,
            delaySeconds: (body["seconds"] as? NSNumber)?.doubleValue ?? 1,
            intervalMilliseconds: (body["interval"] as? NSNumber)?.intValue ?? 200, method: body["method"] as? String,
            pathPrefix: body["path"] as? String)
        org.faults.add(fault)
        var out = JSONWriter()
        out.string("fault", kind.rawValue)
        out.int("count", fault.count)
        return Reply.json(.created, out.result)
    }

    private func clock() -> String {
        var out = JSONWriter()
        out.string("now", SalesforceDate.json(org.jobs.now))
        return out.result
    }

    private func requests() -> String {
        let records = org.log.all.map { record in
            var out = JSONWriter()
            out.string("method", record.method)
            out.string("path", record.path)
            out.string("query", record.query)
            out.int("status", record.status)
            out.string("fault", record.fault?.rawValue)
            return out.result
        }
        var out = JSONWriter()
        out.raw("requests", JSONWriter.array(records))
        return out.result
    }

    private func credentials() -> String {
        let app = org.auth.credentials
        var out = JSONWriter()
        out.string("instanceUrl", org.baseURL)
        out.string("loginUrl", org.baseURL)
        out.string("clientId", app.clientID)
        out.string("clientSecret", app.clientSecret)
        out.string("username", app.username)
        out.string("password", app.password)
        out.string("refreshToken", app.refreshToken)
        out.string("orgId", app.orgID)
        out.string("userId", app.userID)
        return out.result
    }

    private static func states(of type: SimJobType) -> [String] {
        switch type {
        case .classic: ["Open", "Closed", "Aborted", "Failed"]
        case .v2Query: ["UploadComplete", "InProgress", "JobComplete", "Aborted", "Failed"]
        default: ["Open", "UploadComplete", "InProgress", "JobComplete", "Aborted", "Failed"]
        }
    }

    private static func object(_ request: Request) async throws -> [String: Any]? {
        let text = try await request.text()
        if text.isEmpty { return [:] }
        return try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    }

    private static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var out = JSONWriter()
        out.string("error", message)
        return Reply.json(status, out.result)
    }
}
