import Foundation
import Hummingbird
import SalesforceBulk

/// Bulk API 1.0 (`/services/async/{ver}/job…`), speaking XML or JSON as the request does.
struct Bulk1Routes {
    let org: OrgStore
    let auth: AuthStore

    /// What every Bulk 1.0 request carries once admitted.
    private struct Call {
        var version: String
        var usage: String
        var json: Bool
    }

    private static let operations = ["insert", "update", "upsert", "delete", "hardDelete", "query", "queryAll"]

    func register(on router: Router<SimulatorContext>) {
        let base = "/services/async/:version/job"
        router.post(RouterPath(base)) { request, context in try await answer { try await create(request, context) } }
        router.get("\(base)/:id") { request, context in try await answer { try await show(request, context) } }
        router.post("\(base)/:id") { request, context in try await answer { try await changeState(request, context) } }
        router.get("\(base)/:id/batch") { request, context in try await answer { try await batches(request, context) } }
        router.post("\(base)/:id/batch") { request, context in try await answer { try await addBatch(request, context) }
        }
        router.get("\(base)/:id/batch/:batch") { request, context in
            try await answer { try await batch(request, context) }
        }
    }

    /// Checks the API version and the session; decides the answer's format.
    private func admit(_ request: Request, _ context: SimulatorContext) throws(RefusedRequest) -> Call {
        let json = Self.wantsJSON(request)
        guard let version = context.parameters.get("version"), Bulk2Routes.isVersion("v" + version) else {
            throw RefusedRequest(response: Reply.asyncError("InvalidUrl", "Invalid API version", json: json))
        }
        guard let token = request.header("X-SFDC-Session"), auth.isValid(token) else {
            throw RefusedRequest(response: Reply.asyncError("InvalidSessionId", "Invalid session id", json: json))
        }
        return Call(version: version, usage: auth.countRequest(), json: json)
    }

    private func create(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        let call = try admit(request, context)
        let fields = try await Self.fields(of: request, json: call.json)
        let operation = fields["operation"] ?? ""
        guard Self.operations.contains(operation) else {
            return Reply.asyncError(
                "InvalidJob", "Invalid operation: \(operation)", json: call.json, limitInfo: call.usage)
        }
        guard let object = fields["object"], !object.isEmpty else {
            return Reply.asyncError("InvalidJob", "Object is required", json: call.json, limitInfo: call.usage)
        }
        let chunking = Self.chunking(request.header("Sforce-Enable-PKChunking"))
        let isQuery = operation == "query" || operation == "queryAll"
        var job = org.insert(
            SimJobSpec(
                jobType: .classic, state: "Open", object: object, operation: operation,
                pkChunking: isQuery && chunking != nil, chunkSize: chunking ?? 100_000, batches: 0,
                contentType: fields["contentType"] ?? (call.json ? "JSON" : "XML"), apiVersion: call.version))
        job = try org.update(job.id) { job, _ throws(OrgError) in
            job.externalIdFieldName = fields["externalIdFieldName"]
            if let mode = fields["concurrencyMode"], mode == "Serial" || mode == "1" { job.concurrencyMode = "Serial" }
        }
        return jobInfo(job, status: .created, call: call)
    }

    private func show(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        let call = try admit(request, context)
        let job = try find(context, call)
        return jobInfo(job, status: .ok, call: call)
    }

    private func changeState(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        let call = try admit(request, context)
        let current = try find(context, call)
        guard let requested = try await Self.fields(of: request, json: call.json)["state"] else {
            return Reply.asyncError(
                call.json ? "ClientInputError" : "InvalidXML", "Unable to find the state of the job in the request",
                json: call.json, limitInfo: call.usage)
        }
        do {
            let job = try org.update(current.id) { job, now throws(OrgError) in
                try job.changeClassicState(to: requested, now: now)
            }
            return jobInfo(job, status: .ok, call: call)
        } catch .invalidJobState(let message) {
            return Reply.asyncError("InvalidJobState", message, json: call.json, limitInfo: call.usage)
        } catch {
            return Self.invalidJob(current.id, call)
        }
    }

    private func batches(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        var call = try admit(request, context)
        let job = try find(context, call)
        call.json = call.json || job.contentType.hasSuffix("JSON")
        return call.json
            ? Reply.json(.ok, JobRendering.batchListJSON(job), limitInfo: call.usage)
            : Reply.xml(.ok, JobRendering.batchListXML(job), limitInfo: call.usage)
    }

    private func batch(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        var call = try admit(request, context)
        let job = try find(context, call)
        call.json = call.json || job.contentType.hasSuffix("JSON")
        guard let text = context.parameters.get("batch"), let id = SalesforceID(text),
            let batch = job.batches.first(where: { $0.id == id.value })
        else {
            return Reply.asyncError(
                "InvalidBatch", "Unable to find batch for id: \(context.parameters.get("batch") ?? "")",
                json: call.json, limitInfo: call.usage)
        }
        return batchInfo(batch, job: job, status: .ok, call: call)
    }

    private func addBatch(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        var call = try admit(request, context)
        let current = try find(context, call)
        call.json = call.json || current.contentType.hasSuffix("JSON")
        let payload = try await request.text()
        let records =
            current.isQuery
            ? 250_000 + abs(payload.utf8.reduce(0) { $0 &* 31 &+ Int($1) }) % 10 * 100_000
            : max(0, payload.split(whereSeparator: \.isNewline).count - 1)
        do {
            let (job, batch) = try org.addBatch(to: current.id, records: records)
            return batchInfo(batch, job: job, status: .created, call: call)
        } catch .invalidJobState(let message) {
            return Reply.asyncError("InvalidJobState", message, json: call.json, limitInfo: call.usage)
        } catch .invalidBatch(let message) {
            return Reply.asyncError("InvalidBatch", message, json: call.json, limitInfo: call.usage)
        } catch {
            return Self.invalidJob(current.id, call)
        }
    }

    /// The classic job of the path; Bulk 2.0 jobs are not visible here.
    private func find(_ context: SimulatorContext, _ call: Call) throws(RefusedRequest) -> SimJob {
        let text = context.parameters.get("id") ?? ""
        guard let id = SalesforceID(text), let job = org.job(id.value), job.jobType == .classic else {
            throw RefusedRequest(response: Self.invalidJob(text, call))
        }
        return job
    }

    private func jobInfo(_ job: SimJob, status: HTTPResponse.Status, call: Call) -> Response {
        call.json
            ? Reply.json(status, JobRendering.jobInfoJSON(job), limitInfo: call.usage)
            : Reply.xml(status, JobRendering.jobInfoXML(job), limitInfo: call.usage)
    }

    private func batchInfo(_ batch: SimBatch, job: SimJob, status: HTTPResponse.Status, call: Call) -> Response {
        call.json
            ? Reply.json(status, JobRendering.batchInfoJSON(batch, jobID: job.id), limitInfo: call.usage)
            : Reply.xml(status, JobRendering.batchInfoXML(batch, jobID: job.id), limitInfo: call.usage)
    }

    private static func invalidJob(_ id: String, _ call: Call) -> Response {
        Reply.asyncError("InvalidJob", "Unable to find object: \(id)", json: call.json, limitInfo: call.usage)
    }

    /// JSON when the request's Content-Type says so, or its Accept asks for JSON and not XML.
    static func wantsJSON(_ request: Request) -> Bool {
        if let type = request.headers[.contentType]?.lowercased(), type.contains("json") || type.contains("xml") {
            return type.contains("json")
        }
        let accept = request.headers[.accept]?.lowercased() ?? ""
        return accept.contains("json") && !accept.contains("xml")
    }

    /// The text fields of a jobInfo request body, XML or JSON.
    static func fields(of request: Request, json: Bool) async throws -> [String: String] {
        let text = try await request.text()
        if json {
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                return [:]
            }
            return object.compactMapValues { value in
                if let text = value as? String { return text }
                return (value as? NSNumber)?.stringValue
            }
        }
        let names = ["operation", "object", "contentType", "state", "externalIdFieldName", "concurrencyMode"]
        return Dictionary(
            uniqueKeysWithValues: names.compactMap { name in XMLScanner.text(of: name, in: text).map { (name, $0) } })
    }

    /// The chunk size an `Sforce-Enable-PKChunking` header asks for, or nil when it does not enable chunking.
    static func chunking(_ header: String?) -> Int? {
        guard let header else { return nil }
        var size = 100_000
        var enabled = false
        for part in header.split(separator: ";") {
            let item = part.trimmingCharacters(in: .whitespaces)
            if item.caseInsensitiveCompare("true") == .orderedSame { enabled = true }
            if item.lowercased().hasPrefix("chunksize="), let value = Int(item.dropFirst("chunksize=".count)) {
                size = min(250_000, max(1, value))
                enabled = true
            }
            if item.lowercased().hasPrefix("parent=") || item.lowercased().hasPrefix("startrow=") { enabled = true }
        }
        return enabled ? size : nil
    }
}
