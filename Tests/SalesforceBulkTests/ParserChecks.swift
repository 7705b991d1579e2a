// Shared by the parser fuzz targets (Fuzz/Sources) and by the unit tests that replay
// Fuzz/Seeds, Fuzz/Corpus and Fuzz/Crashes in CI (Tests/SalesforceBulkTests links this file).
@testable import SalesforceBulk

/// What each parser fuzz target feeds one input to, and what must hold afterwards. A check returns
/// nil when the input was handled as it should be, else what went wrong; a crash is the other finding.
public enum ParserChecks {
    /// The parser targets, named as their folders under Fuzz/Corpus.
    public static let targets = ["bulk2-job", "bulk1-job", "error-body", "token-response", "soap-login", "limit-info", "job-list"]

    /// Runs the check of `target` on `input`.
    public static func check(_ target: String, _ input: [UInt8]) -> String? {
        switch target {
        case "bulk2-job": bulk2Job(input)
        case "bulk1-job": bulk1Job(input)
        case "error-body": errorBody(input)
        case "token-response": tokenResponse(input)
        case "soap-login": soapLogin(input)
        case "limit-info": limitInfo(input)
        case "job-list": jobList(input)
        default: "no parser target named \(target)"
        }
    }

    /// A Bulk 2.0 job-info answer: the JSON parser and the job decoder. A job read from the answer's
    /// bytes must equal the one decoded from its parsed members, field by field and by name; JSON that
    /// parses must read back the same from its own compact text (unless a number overflowed to
    /// infinity, written as null).
    static func bulk2Job(_ body: [UInt8]) -> String? {
        for type in [JobType.v2Ingest, .v2Query] {
            let job = JobDecoding.job(from: body, fallback: type)
            let reference = JSONValue.parse(body)?.members.flatMap {
                JobDecoding.job(fields: JobDecoding.fields(of: $0), fallback: type)
            }
            if job != reference { return "the job read from the answer differs from the one decoded from its members" }
            for field in job?.fields ?? [] where job?[field.name] != reference?[field.name] {
                return "the job's field \(field.name) reads differently by name"
            }
        }
        if let value = JSONValue.parse(body), allFinite(value), JSONValue.parse(Array(value.jsonText.utf8)) != value {
            return "JSON does not read back from its own text"
        }
        return nil
    }

    /// A Bulk 1.0 job-info or batch-list answer, XML or JSON: the XML reader, the job and batch decoders.
    static func bulk1Job(_ body: [UInt8]) -> String? {
        if let job = JobDecoding.job(from: body, fallback: .classic) { _ = job.fields.count }
        if let batches = JobDecoding.batches(from: body) { _ = batches.count }
        if let root = XMLElement.parse(body) { _ = root.find("state")?.text.trimmingSpaces }
        return nil
    }

    /// An error answer in any format (REST array, Bulk 1.0 XML and JSON, OAuth, SOAP fault), read for
    /// every status the client treats specially.
    static func errorBody(_ body: [UInt8]) -> String? {
        _ = ErrorMapping.codeAndMessage(body)
        for status in [400, 401, 403, 404, 429, 500, 503] {
            let response = HTTPResponse(status: status, body: body)
            _ = ErrorMapping.error(for: response, jobID: "750000000000001AAA").message
            _ = ErrorMapping.loginError(for: response).message
            _ = ErrorMapping.isExpiredSession(response)
        }
        return nil
    }

    /// An OAuth token answer, accepted by the refresh-token login exactly as the client does: a session
    /// is installed exactly when no error is reported.
    static func tokenResponse(_ body: [UInt8]) -> String? {
        var settings = ConnectionSettings()
        settings.loginURL = "http://127.0.0.1:1"
        settings.clientID = "client"
        settings.refreshToken = "5Aep861ParserChecksRefreshToken"  // masked wherever it appears later in this process: no common word
        let authenticator = Authenticator(settings: settings)
        let plan = authenticator.loginPlan()
        _ = plan.receive(HTTPResponse(status: 200, body: body), mayHaveArrived: false)
        guard plan.finished else { return "the login plan did not finish on a 200 answer" }
        if (plan.error == nil) != (authenticator.session != nil) { return "a session without success, or success without one" }
        return nil
    }

    /// A SOAP `loginResponse` (or fault): the XML reader, the session reader and the error reader.
    static func soapLogin(_ body: [UInt8]) -> String? {
        do throws(SalesforceError) {
            let session = try SOAPLogin.session(from: HTTPResponse(status: 200, body: body))
            if session.token.isEmpty { return "a session with an empty token" }
        } catch {
            _ = error.message
        }
        _ = ErrorMapping.loginError(for: HTTPResponse(status: 500, body: body))
        return nil
    }

    /// The `Sforce-Limit-Info` header value.
    static func limitInfo(_ header: [UInt8]) -> String? {
        _ = LimitInfo.apiUsage(String(decoding: header, as: UTF8.self))
        return nil
    }

    /// A page of a Bulk 2.0 job list: records and the `nextRecordsUrl`, which must stay on the instance.
    static func jobList(_ body: [UInt8]) -> String? {
        for list in [Bulk2.Kind.ingest, .query] {
            do throws(SalesforceError) {
                let page = try JobPages.decodePage(
                    HTTPResponse(status: 200, body: body), list: list, instance: "https://acme.my.salesforce.com")
                if let next = page.next, !next.hasPrefix("/") { return "next page \(next) is not a path on the instance" }
            } catch {
                _ = error.message
            }
        }
        return nil
    }

    /// Whether every number in `value` is finite.
    private static func allFinite(_ value: JSONValue) -> Bool {
        switch value {
        case .double(let number): number.isFinite
        case .array(let elements): elements.allSatisfy(allFinite)
        case .object(let members): members.allSatisfy { allFinite($0.value) }
        default: true
        }
    }
}
