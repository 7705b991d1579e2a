import FuzzDriver
@testable import SalesforceBulk

/// An error answer in any format (REST array, Bulk 1.0 XML and JSON, OAuth, SOAP fault),
/// read for every status the client treats specially.
@main
enum Target {
    static func main() { runFuzzer(fuzzErrorBody) }
}

func fuzzErrorBody(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    _ = ErrorMapping.codeAndMessage(body)
    for status in [400, 401, 403, 404, 429, 500, 503] {
        let response = HTTPResponse(status: status, body: body)
        _ = ErrorMapping.error(for: response, jobID: "750000000000001AAA").message
        _ = ErrorMapping.loginError(for: response).message
        _ = ErrorMapping.isExpiredSession(response)
    }
    return 0
}
