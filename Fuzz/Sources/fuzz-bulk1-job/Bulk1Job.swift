import FuzzDriver
@testable import SalesforceBulk

/// A Bulk 1.0 job-info or batch-list answer, XML or JSON: the XML reader, the job decoder
/// and the batch decoder.
@main
enum Target {
    static func main() { runFuzzer(fuzzBulk1Job) }
}

func fuzzBulk1Job(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    if let job = JobDecoding.job(from: body, fallback: .classic) { _ = job.fields.count }
    if let batches = JobDecoding.batches(from: body) { _ = batches.count }
    if let root = XMLElement.parse(body) { _ = root.find("state")?.text.trimmingSpaces }
    return 0
}
