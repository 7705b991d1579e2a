import FuzzChecks
import FuzzDriver

/// A `Sforce-Limit-Info` header value (``ParserChecks/limitInfo(_:)``).
@main
enum Target {
    static func main() { runFuzzer { data, size in fuzzParser("limit-info", data, size) } }
}
