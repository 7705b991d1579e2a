import XCTest

@testable import sfjobs

/// `--log-level` as people write it.
final class LogLevelOptionTests: XCTestCase {
    func testAnyCaseAndWarnAreAccepted() {
        let cases: [(String, LogLevelOption)] = [
            ("warn", .warning), ("WARN", .warning), ("Warning", .warning), ("Error", .error), ("TRACE", .trace), ("info", .info),
        ]
        for (text, level) in cases { XCTAssertEqual(LogLevelOption(argument: text), level, text) }
        for text in ["", "warnings", "verbose", "err"] { XCTAssertNil(LogLevelOption(argument: text), text) }
    }
}
