import Hummingbird

/// The SOAP partner API `login` call (`/services/Soap/u/{ver}`), which answers a
/// session id and the server URL.
struct SoapLogin {
    let auth: AuthStore
    let baseURL: @Sendable () -> String

    func register(on router: Router<SimulatorContext>) {
        router.post("/services/Soap/u/:version") { request, context in
            try await login(request, version: context.parameters.get("version") ?? "66.0")
        }
    }

    private func login(_ request: Request, version: String) async throws -> Response {
        let envelope = try await request.text()
        let app = auth.credentials
        guard XMLScanner.text(of: "username", in: envelope) == app.username,
            XMLScanner.text(of: "password", in: envelope) == app.password
        else { return Self.fault() }
        let base = baseURL()
        let org = String(app.orgID.prefix(15))
        var result = XMLWriter()
        result.element("metadataServerUrl", "\(base)/services/Soap/m/\(version)/\(org)")
        result.element("passwordExpired", "false")
        result.element("sandbox", "false")
        result.element("serverUrl", "\(base)/services/Soap/u/\(version)/\(org)")
        result.element("sessionId", auth.issueToken())
        result.element("userId", app.userID)
        result.raw(
            "<userInfo><organizationId>\(app.orgID)</organizationId><userEmail>\(app.username)</userEmail>"
                + "<userFullName>Simulated Admin</userFullName><userId>\(app.userID)</userId>"
                + "<userName>\(app.username)</userName></userInfo>")
        let body =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
            + "xmlns=\"urn:partner.soap.sforce.com\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<soapenv:Body><loginResponse><result>\(result.content)</result></loginResponse></soapenv:Body></soapenv:Envelope>"
        return Reply.make(.ok, body, contentType: "text/xml;charset=UTF-8")
    }

    /// The INVALID_LOGIN fault, HTTP 500 as SOAP faults are.
    private static func fault() -> Response {
        let message = "INVALID_LOGIN: Invalid username, password, security token; or user locked out."
        let body =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
            + "xmlns:sf=\"urn:fault.partner.soap.sforce.com\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<soapenv:Body><soapenv:Fault><faultcode>INVALID_LOGIN</faultcode><faultstring>\(message)</faultstring>"
            + "<detail><sf:LoginFault xsi:type=\"sf:LoginFault\"><sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode>"
            + "<sf:exceptionMessage>Invalid username, password, security token; or user locked out.</sf:exceptionMessage>"
            + "</sf:LoginFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>"
        return Reply.make(.internalServerError, body, contentType: "text/xml;charset=UTF-8")
    }
}
