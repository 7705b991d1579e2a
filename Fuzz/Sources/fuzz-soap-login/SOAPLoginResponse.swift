import FuzzChecks
import FuzzDriver

/// A SOAP login answer or fault (``ParserChecks/soapLogin(_:)``).
@main
enum Target {
    static func main() { runFuzzer { data, size in fuzzParser("soap-login", data, size) } }
}
