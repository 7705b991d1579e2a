import FuzzDriver
@testable import SalesforceBulk

/// A Bulk 2.0 job-info answer: the JSON parser and the job decoder. JSON that parses must
/// read back the same from its own compact text (unless a number overflowed to infinity,
/// which is written as null).
@main
enum Target {
    static func main() { runFuzzer(fuzzBulk2Job) }
}

func fuzzBulk2Job(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    for type in [JobType.v2Ingest, .v2Query] {
        if let job = JobDecoding.job(from: body, fallback: type) { _ = job.fields.count }
    }
    if let value = JSONValue.parse(body), allFinite(value) {
        precondition(JSONValue.parse(Array(value.jsonText.utf8)) == value, "JSON does not read back from its own text")
    }
    return 0
}

/// Whether every number in `value` is finite.
private func allFinite(_ value: JSONValue) -> Bool {
    switch value {
    case .double(let number): number.isFinite
    case .array(let elements): elements.allSatisfy(allFinite)
    case .object(let members): members.allSatisfy { allFinite($0.value) }
    default: true
    }
}
