import FuzzChecks
import FuzzDriver

/// A page of a Bulk 2.0 job list (``ParserChecks/jobList(_:)``).
@main
enum Target {
    static func main() { runFuzzer { data, size in fuzzParser("job-list", data, size) } }
}
