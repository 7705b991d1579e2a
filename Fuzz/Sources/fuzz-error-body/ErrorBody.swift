import FuzzChecks
import FuzzDriver

/// An error answer in any format (``ParserChecks/errorBody(_:)``).
@main
enum Target {
    static func main() { runFuzzer { data, size in fuzzParser("error-body", data, size) } }
}
