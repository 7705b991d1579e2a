import FuzzChecks
import FuzzDriver

/// An OAuth token answer (``ParserChecks/tokenResponse(_:)``).
@main
enum Target {
    static func main() { runFuzzer { data, size in fuzzParser("token-response", data, size) } }
}
