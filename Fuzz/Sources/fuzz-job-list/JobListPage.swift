import FuzzDriver
@testable import SalesforceBulk

/// A page of a Bulk 2.0 job list: records and the `nextRecordsUrl`, which must stay on the instance.
@main
enum Target {
    static func main() { runFuzzer(fuzzJobList) }
}

func fuzzJobList(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let response = HTTPResponse(status: 200, body: Array(UnsafeBufferPointer(start: data, count: size)))
    for list in [Bulk2.Kind.ingest, .query] {
        do throws(SalesforceError) {
            let page = try JobPages.decodePage(response, list: list, instance: "https://acme.my.salesforce.com")
            if let next = page.next { precondition(next.hasPrefix("/")) }
        } catch {
            _ = error.message
        }
    }
    return 0
}
