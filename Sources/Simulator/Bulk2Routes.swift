import Foundation
import Hummingbird
import SalesforceBulk

/// Bulk API 2.0 (`/services/data/v{ver}/jobs/…`) and `/limits`.
struct Bulk2Routes {
    let org: OrgStore
    let auth: AuthStore

    func register(on router: Router<SimulatorContext>) {
        let base = "/services/data/:version"
        router.get("\(base)/jobs/ingest") { request, context in
            try await answer { try await list(request, context, query: false) }
        }
        router.get("\(base)/jobs/query") { request, context in
            try await answer { try await list(request, context, query: true) }
        }
        router.post("\(base)/jobs/ingest") { request, context in
            try await answer { try await createIngest(request, context) }
        }
        router.post("\(base)/jobs/query") { request, context in
            try await answer { try await createQuery(request, context) }
        }
        for query in [false, true] {
            let path = "\(base)/jobs/\(query ? "query" : "ingest")/:id"
            router.get(RouterPath(path)) { request, context in
                try await answer { try await show(request, context, query: query) }
            }
            router.patch(RouterPath(path)) { request, context in
                try await answer { try await patch(request, context, query: query) }
            }
            router.delete(RouterPath(path)) { request, context in
                try await answer { try await delete(request, context, query: query) }
            }
        }
        router.put("\(base)/jobs/ingest/:id/batches") { request, context in
            try await answer { try await upload(request, context) }
        }
        router.get("\(base)/limits") { request, context in try await answer { try await limits(request, context) } }
    }

    /// The checks every Bulk 2.0 request passes: a known API version and a live session.
    /// Answers the version and the `Sforce-Limit-Info` value, or throws the response that refuses the request.
    private func admit(_ request: Request, _ context: SimulatorContext) throws(RefusedRequest) -> (
        version: String, usage: String
    ) {
        guard let version = context.parameters.get("version"), Self.isVersion(version) else {
            throw RefusedRequest(response: Reply.notFound())
        }
        guard let token = Self.bearerToken(request), auth.isValid(token) else {
            throw RefusedRequest(response: Reply.invalidSession())
        }
        return (version, auth.countRequest())
    }

    private func list(_ request: Request, _ context: SimulatorContext, query: Bool) async throws -> Response {
        let (version, usage) = try admit(request, context)
        let parameters = request.uri.queryParameters
        let path = "/services/data/\(version)/jobs/\(query ? "query" : "ingest")"
        if let locator = parameters.get("queryLocator") {
            guard let page = org.page(at: locator) else {
                return Reply.restError(.badRequest, "INVALID_QUERY_LOCATOR", "invalid query locator", limitInfo: usage)
            }
            return Reply.json(.ok, JobRendering.list(page, path: path), limitInfo: usage)
        }
        var pkChunking: Bool?
        if let value = parameters.get("isPkChunkingEnabled") {
            guard let flag = Bool(value.lowercased()) else {
                return Reply.restError(
                    .badRequest, "INVALIDJOB", "Invalid value for isPkChunkingEnabled: \(value)", limitInfo: usage)
            }
            pkChunking = flag
        }
        let filter = OrgStore.ListFilter(
            queryEndpoint: query, jobType: parameters.get("jobType"), pkChunking: pkChunking,
            concurrencyMode: parameters.get("concurrencyMode"))
        return Reply.json(.ok, JobRendering.list(org.list(filter), path: path), limitInfo: usage)
    }

    private func show(_ request: Request, _ context: SimulatorContext, query: Bool) async throws -> Response {
        let (version, usage) = try admit(request, context)
        guard let id = jobID(context), let job = org.job(id), Self.belongs(job, query: query) else {
            return Reply.notFound(limitInfo: usage)
        }
        return Reply.json(.ok, JobRendering.v2(job, version: version), limitInfo: usage)
    }

    private func patch(_ request: Request, _ context: SimulatorContext, query: Bool) async throws -> Response {
        let (version, usage) = try admit(request, context)
        guard let id = jobID(context), let current = org.job(id), Self.belongs(current, query: query)
        else { return Reply.notFound(limitInfo: usage) }
        guard let body = try? await Self.jsonObject(request), let requested = body["state"] as? String else {
            return Reply.restError(
                .badRequest, "JSON_PARSER_ERROR", "Unexpected or missing state in the request body", limitInfo: usage)
        }
        if requested == "UploadComplete", current.state == "Open", current.uploads > 1 {
            return Reply.restError(
                .badRequest, "INVALIDJOB",
                "Found multipe contents for job: <\(id)>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.",
                limitInfo: usage)
        }
        let queueSeconds = org.timing.queueSeconds
        do {
            let job = try org.update(id) { job, now throws(OrgError) in
                try job.changeV2State(to: requested, now: now, queueSeconds: queueSeconds)
            }
            return Reply.json(.ok, JobRendering.v2(job, version: version), limitInfo: usage)
        } catch .invalidJobState(let message) {
            return Reply.restError(.badRequest, "INVALIDJOBSTATE", message, limitInfo: usage)
        } catch {
            return Reply.notFound(limitInfo: usage)
        }
    }

    private func delete(_ request: Request, _ context: SimulatorContext, query: Bool) async throws -> Response {
        let usage = try admit(request, context).usage
        guard let id = jobID(context), let current = org.job(id), Self.belongs(current, query: query)
        else { return Reply.notFound(limitInfo: usage) }
        let deletable =
            query ? ["JobComplete", "Aborted", "Failed"] : ["UploadComplete", "JobComplete", "Aborted", "Failed"]
        do {
            try org.delete(id) { deletable.contains($0.state) }
            return Reply.empty(.noContent, limitInfo: usage)
        } catch .notTerminated {
            return Reply.restError(
                .badRequest, "API_ERROR", "Error encountered when deleting the job because the job is not terminated",
                limitInfo: usage)
        } catch {
            return Reply.notFound(limitInfo: usage)
        }
    }

    private func createIngest(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        let (version, usage) = try admit(request, context)
        guard let body = try? await Self.jsonObject(request) else {
            return Reply.restError(
                .badRequest, "JSON_PARSER_ERROR", "Unable to parse the request body", limitInfo: usage)
        }
        guard let object = body["object"] as? String, !object.isEmpty else {
            return Reply.restError(.badRequest, "INVALIDJOB", "InvalidJob : Object is required", limitInfo: usage)
        }
        let operation = body["operation"] as? String ?? ""
        guard ["insert", "update", "upsert", "delete", "hardDelete"].contains(operation) else {
            return Reply.restError(
                .badRequest, "INVALIDJOB", "InvalidJob : Invalid operation: \(operation)", limitInfo: usage)
        }
        let externalID = body["externalIdFieldName"] as? String
        if operation == "upsert", externalID == nil {
            return Reply.restError(
                .badRequest, "INVALIDJOB",
                "InvalidJob : External ID was blank for \(object). An External ID must be specified for upsert.",
                limitInfo: usage)
        }
        let spec = SimJobSpec(
            jobType: object.hasSuffix("__b") ? .bigObjectIngest : .v2Ingest, state: "Open", object: object,
            operation: operation, records: 0, apiVersion: String(version.dropFirst()))
        var job = org.insert(spec)
        job = try org.update(job.id) { job, _ throws(OrgError) in
            job.externalIdFieldName = externalID
            if let lineEnding = body["lineEnding"] as? String { job.lineEnding = lineEnding }
            if let delimiter = body["columnDelimiter"] as? String { job.columnDelimiter = delimiter }
        }
        return Reply.json(.ok, JobRendering.v2(job, version: version), limitInfo: usage)
    }

    private func createQuery(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        let (version, usage) = try admit(request, context)
        guard let body = try? await Self.jsonObject(request) else {
            return Reply.restError(
                .badRequest, "JSON_PARSER_ERROR", "Unable to parse the request body", limitInfo: usage)
        }
        let operation = body["operation"] as? String ?? "query"
        guard operation == "query" || operation == "queryAll", let soql = body["query"] as? String,
            let object = Self.objectName(in: soql)
        else {
            return Reply.restError(
                .badRequest, "INVALIDJOB",
                "InvalidJob : A query job needs operation query or queryAll and a SOQL query",
                limitInfo: usage)
        }
        let job = org.insert(
            SimJobSpec(
                jobType: .v2Query, state: "UploadComplete", object: object, operation: operation, records: 25_000,
                apiVersion: String(version.dropFirst()), query: soql))
        return Reply.json(.ok, JobRendering.v2(job, version: version), limitInfo: usage)
    }

    private func upload(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        let usage = try admit(request, context).usage
        guard let id = jobID(context), let current = org.job(id), Self.belongs(current, query: false)
        else { return Reply.notFound(limitInfo: usage) }
        let csv = try await request.text()
        let records = max(0, csv.split(whereSeparator: \.isNewline).count - 1)
        do {
            _ = try org.update(id) { job, _ throws(OrgError) in
                guard job.state == "Open" else {
                    throw .invalidJobState("Job is not in the Open state, data can not be uploaded")
                }
                job.uploads += 1
                job.plan.records += records
                job.plan.failedRecords = job.plan.records / 100
            }
            return Reply.empty(.created, limitInfo: usage)
        } catch .invalidJobState(let message) {
            return Reply.restError(.badRequest, "INVALIDJOBSTATE", message, limitInfo: usage)
        } catch {
            return Reply.notFound(limitInfo: usage)
        }
    }

    private func limits(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        let usage = try admit(request, context).usage
        return Reply.json(.ok, OrgLimits.json(apiUsed: auth.apiUsed, apiLimit: auth.apiLimit), limitInfo: usage)
    }

    /// The job id of the path in its 18-character form, if it is a job id at all.
    private func jobID(_ context: SimulatorContext) -> String? {
        guard let text = context.parameters.get("id"), let id = SalesforceID(text), id.value.hasPrefix("750") else {
            return nil
        }
        return id.value
    }

    /// Whether `job` is served by the ingest (`query == false`) or query endpoint.
    private static func belongs(_ job: SimJob, query: Bool) -> Bool {
        query ? job.jobType == .v2Query : job.jobType.isV2Ingest
    }

    static func isVersion(_ text: String) -> Bool {
        let parts = text.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        return text.hasPrefix("v") && parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    static func bearerToken(_ request: Request) -> String? {
        guard let value = request.headers[.authorization] else { return nil }
        for scheme in ["Bearer ", "OAuth "] where value.hasPrefix(scheme) {
            return String(value.dropFirst(scheme.count).drop { $0 == " " })
        }
        return nil
    }

    static func jsonObject(_ request: Request) async throws -> [String: Any]? {
        let text = try await request.text()
        return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    }

    /// The sObject a SOQL query reads (the word after FROM).
    static func objectName(in soql: String) -> String? {
        let words = soql.split(whereSeparator: \.isWhitespace)
        guard let from = words.firstIndex(where: { $0.uppercased() == "FROM" }), from + 1 < words.count else {
            return nil
        }
        return String(words[from + 1])
    }
}
