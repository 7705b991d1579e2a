import FuzzDriver
@testable import SalesforceBulk

/// A SOAP `loginResponse` (or fault): the XML reader, the session reader and the error reader.
@main
enum Target {
    static func main() { runFuzzer(fuzzSOAPLogin) }
}

func fuzzSOAPLogin(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    let response = HTTPResponse(status: 200, body: body)
    do throws(SalesforceError) {
        let session = try SOAPLogin.session(from: response)
        precondition(!session.token.isEmpty)
    } catch {
        _ = error.message
    }
    _ = ErrorMapping.loginError(for: HTTPResponse(status: 500, body: body))
    return 0
}
