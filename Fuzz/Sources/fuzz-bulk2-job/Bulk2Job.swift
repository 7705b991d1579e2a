import FuzzChecks
import FuzzDriver

/// A Bulk 2.0 job-info answer (``ParserChecks/bulk2Job(_:)``).
@main
enum Target {
    static func main() { runFuzzer { data, size in fuzzParser("bulk2-job", data, size) } }
}
