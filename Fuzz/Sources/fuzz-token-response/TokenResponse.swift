import FuzzDriver
@testable import SalesforceBulk

/// An OAuth token answer, accepted by the refresh-token login exactly as the client does.
@main
enum Target {
    static func main() { runFuzzer(fuzzTokenResponse) }
}

func fuzzTokenResponse(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    var settings = ConnectionSettings()
    settings.loginURL = "http://127.0.0.1:1"
    settings.clientID = "client"
    settings.refreshToken = "refresh"
    let authenticator = Authenticator(settings: settings)
    let plan = authenticator.loginPlan()
    _ = plan.receive(HTTPResponse(status: 200, body: body), mayHaveArrived: false)
    precondition(plan.finished && (plan.error == nil) == (authenticator.session != nil))
    return 0
}
