/// The namespace of Bulk API 1.0 XML documents.
let asyncNamespace = "http://www.force.com/2009/06/asyncapi/dataload"

/// Job and batch documents in Salesforce's own field names, order and types.
enum JobRendering {
    /// Bulk 2.0 job info (`GET /jobs/ingest/{id}`, `/jobs/query/{id}`, PATCH answers).
    static func v2(_ job: SimJob, version: String) -> String {
        var out = JSONWriter()
        head(job, into: &out)
        if let field = job.externalIdFieldName { out.string("externalIdFieldName", field) }
        out.string("concurrencyMode", job.concurrencyMode)
        out.string("contentType", job.contentType)
        out.raw("apiVersion", job.apiVersion)
        out.string("jobType", job.jobType.rawValue)
        if job.jobType.isV2Ingest, job.state == "Open" {
            out.string("contentUrl", "services/data/\(version)/jobs/ingest/\(job.id)/batches")
        }
        out.string("lineEnding", job.lineEnding)
        out.string("columnDelimiter", job.columnDelimiter)
        out.int("numberRecordsProcessed", job.numberRecordsProcessed)
        if job.jobType == .v2Query {
            out.int("retries", job.retries)
            out.int("totalProcessingTime", job.totalProcessingTime)
            out.bool("isPkChunkingSupported", true)
        } else {
            out.int("numberRecordsFailed", job.numberRecordsFailed)
            out.int("retries", job.retries)
            out.int("totalProcessingTime", job.totalProcessingTime)
            out.int("apiActiveProcessingTime", job.apiActiveProcessingTime)
            out.int("apexProcessingTime", job.apexProcessingTime)
        }
        if job.state == "Failed", let message = job.errorMessage { out.string("errorMessage", message) }
        return out.result
    }

    /// A record of the Bulk 2.0 job lists.
    static func summary(_ job: SimJob) -> JSONWriter {
        var out = JSONWriter()
        head(job, into: &out)
        out.string("concurrencyMode", job.concurrencyMode)
        out.string("contentType", job.contentType)
        out.raw("apiVersion", job.apiVersion)
        out.string("jobType", job.jobType.rawValue)
        out.string("lineEnding", job.lineEnding)
        out.string("columnDelimiter", job.columnDelimiter)
        return out
    }

    /// A Bulk 2.0 list page.
    static func list(_ page: OrgStore.Page, path: String) -> String {
        var out = JSONWriter()
        out.bool("done", page.nextLocator == nil)
        out.objects("records", page.jobs.map(summary))
        out.string("nextRecordsUrl", page.nextLocator.map { "\(path)?queryLocator=\($0)" })
        return out.result
    }

    /// Bulk 1.0 jobInfo as JSON.
    static func jobInfoJSON(_ job: SimJob) -> String {
        var out = JSONWriter()
        for (key, value) in jobInfoFields(job, date: SalesforceDate.json) {
            switch value {
            case .text(let text): out.string(key, text)
            case .number(let number): out.raw(key, number)
            }
        }
        return out.result
    }

    /// Bulk 1.0 jobInfo as XML.
    static func jobInfoXML(_ job: SimJob) -> String {
        var out = XMLWriter()
        for (key, value) in jobInfoFields(job, date: SalesforceDate.xml) {
            switch value {
            case .text(let text), .number(let text): out.element(key, text)
            }
        }
        return out.document(root: "jobInfo", namespace: asyncNamespace)
    }

    /// Bulk 1.0 batchInfo as JSON.
    static func batchInfoJSON(_ batch: SimBatch, jobID: String) -> String {
        var out = JSONWriter()
        for (key, value) in batchInfoFields(batch, jobID: jobID, date: SalesforceDate.json) {
            switch value {
            case .text(let text): out.string(key, text)
            case .number(let number): out.raw(key, number)
            }
        }
        return out.result
    }

    /// Bulk 1.0 batchInfo as XML, without the document declaration.
    static func batchInfoXMLElement(_ batch: SimBatch, jobID: String) -> String {
        var out = XMLWriter()
        for (key, value) in batchInfoFields(batch, jobID: jobID, date: SalesforceDate.xml) {
            switch value {
            case .text(let text), .number(let text): out.element(key, text)
            }
        }
        return "<batchInfo>\(out.content)</batchInfo>"
    }

    static func batchInfoXML(_ batch: SimBatch, jobID: String) -> String {
        let element = batchInfoXMLElement(batch, jobID: jobID)
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + element.replacingPrefix("<batchInfo>", with: "<batchInfo xmlns=\"\(asyncNamespace)\">")
    }

    static func batchListJSON(_ job: SimJob) -> String {
        var out = JSONWriter()
        out.raw("batchInfo", JSONWriter.array(job.batches.map { batchInfoJSON($0, jobID: job.id) }))
        return out.result
    }

    static func batchListXML(_ job: SimJob) -> String {
        var out = XMLWriter()
        for batch in job.batches { out.raw(batchInfoXMLElement(batch, jobID: job.id)) }
        return out.document(root: "batchInfoList", namespace: asyncNamespace)
    }

    private enum Value {
        case text(String)
        case number(String)
    }

    private static func head(_ job: SimJob, into out: inout JSONWriter) {
        out.string("id", job.id)
        out.string("operation", job.operation)
        out.string("object", job.object)
        out.string("createdById", job.createdById)
        out.string("createdDate", SalesforceDate.json(job.createdDate))
        out.string("systemModstamp", SalesforceDate.json(job.systemModstamp))
        out.string("state", job.state)
    }

    private static func jobInfoFields(_ job: SimJob, date: (Double) -> String) -> [(String, Value)] {
        var fields: [(String, Value)] = [
            ("id", .text(job.id)), ("operation", .text(job.operation)), ("object", .text(job.object)),
            ("createdById", .text(job.createdById)), ("createdDate", .text(date(job.createdDate))),
            ("systemModstamp", .text(date(job.systemModstamp))), ("state", .text(job.state)),
        ]
        if let field = job.externalIdFieldName { fields.append(("externalIdFieldName", .text(field))) }
        fields += [
            ("concurrencyMode", .text(job.concurrencyMode)), ("contentType", .text(job.contentType)),
            ("numberBatchesQueued", .number(String(job.batchCount("Queued")))),
            ("numberBatchesInProgress", .number(String(job.batchCount("InProgress")))),
            ("numberBatchesCompleted", .number(String(job.batchCount("Completed")))),
            ("numberBatchesFailed", .number(String(job.batchCount("Failed")))),
            ("numberBatchesTotal", .number(String(job.batches.count))),
            ("numberRecordsProcessed", .number(String(job.numberRecordsProcessed))),
            ("numberRetries", .number(String(job.retries))), ("apiVersion", .number(job.apiVersion)),
            ("numberRecordsFailed", .number(String(job.numberRecordsFailed))),
            ("totalProcessingTime", .number(String(job.totalProcessingTime))),
            ("apiActiveProcessingTime", .number(String(job.apiActiveProcessingTime))),
            ("apexProcessingTime", .number(String(job.apexProcessingTime))),
        ]
        return fields
    }

    private static func batchInfoFields(_ batch: SimBatch, jobID: String, date: (Double) -> String) -> [(String, Value)]
    {
        var fields: [(String, Value)] = [
            ("id", .text(batch.id)), ("jobId", .text(jobID)), ("state", .text(batch.state)),
        ]
        if let message = batch.stateMessage { fields.append(("stateMessage", .text(message))) }
        fields += [
            ("createdDate", .text(date(batch.createdDate))), ("systemModstamp", .text(date(batch.systemModstamp))),
            ("numberRecordsProcessed", .number(String(batch.numberRecordsProcessed))),
            ("numberRecordsFailed", .number(String(batch.numberRecordsFailed))),
            ("totalProcessingTime", .number(String(batch.totalProcessingTime))),
            ("apiActiveProcessingTime", .number(String(batch.apiActiveProcessingTime))),
            ("apexProcessingTime", .number(String(batch.apexProcessingTime))),
        ]
        return fields
    }
}

extension String {
    fileprivate func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
