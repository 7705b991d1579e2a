import FuzzChecks
import FuzzDriver

/// A Bulk 1.0 job-info or batch-list answer, XML or JSON (``ParserChecks/bulk1Job(_:)``).
@main
enum Target {
    static func main() { runFuzzer { data, size in fuzzParser("bulk1-job", data, size) } }
}
