import FuzzDriver
@testable import SalesforceBulk

/// The `Sforce-Limit-Info` header value.
@main
enum Target {
    static func main() { runFuzzer(fuzzLimitInfo) }
}

func fuzzLimitInfo(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let header = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = LimitInfo.apiUsage(header)
    return 0
}
