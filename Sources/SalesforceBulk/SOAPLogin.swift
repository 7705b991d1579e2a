/// The SOAP `login` call of the partner API: username and password (with the
/// security token appended where needed) in, `sessionId` and `serverUrl` out.
enum SOAPLogin {
    static func request(username: String, password: String, apiVersion: String) -> APIRequest {
        let envelope = """
            <?xml version="1.0" encoding="utf-8"?>\
            <env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/">\
            <env:Body><n1:login xmlns:n1="urn:partner.soap.sforce.com">\
            <n1:username>\(XMLText.escape(username))</n1:username>\
            <n1:password>\(XMLText.escape(password))</n1:password>\
            </n1:login></env:Body></env:Envelope>
            """
        return APIRequest(
            method: .post, target: .login("/services/Soap/u/\(apiVersion)"), credential: .none,
            headers: ["Content-Type: text/xml; charset=UTF-8", "SOAPAction: login", "Accept: text/xml"],
            body: Array(envelope.utf8))
    }

    /// The session id and instance URL (origin of `serverUrl`) of a successful answer.
    static func session(from response: HTTPResponse) throws(SalesforceError) -> (token: String, instance: String) {
        guard let root = XMLElement.parse(response.body), let result = root.find("loginResponse")?.child("result"),
            let token = result.child("sessionId")?.text.trimmingSpaces, !token.isEmpty,
            let serverURL = result.child("serverUrl")?.text.trimmingSpaces,
            let origin = URLPolicy.origin(of: serverURL)
        else {
            throw ErrorMapping.badResponse(response, expected: "a SOAP loginResponse", jobID: nil)
        }
        return (token, origin)
    }
}
