import XCTest

@testable import sfjobs

/// Durations as the command line writes them.
final class DurationArgumentTests: XCTestCase {
    func testUnitsAndCombinations() throws {
        let cases: [(String, Int64)] = [
            ("500ms", 500), ("30s", 30_000), ("5m", 300_000), ("1h", 3_600_000), ("1h30m", 5_400_000),
            ("1d", 86_400_000), ("1.5s", 1_500), ("0s", 0), ("2m30s250ms", 150_250),
        ]
        for (text, milliseconds) in cases {
            XCTAssertEqual(try DurationArgument(parsing: text).milliseconds, milliseconds, text)
        }
    }

    func testDescriptionIsTheShortestSpelling() {
        XCTAssertEqual(DurationArgument(milliseconds: 5_400_000).description, "1h30m")
        XCTAssertEqual(DurationArgument(milliseconds: 1_500).description, "1s500ms")
        XCTAssertEqual(DurationArgument(milliseconds: 0).description, "0s")
    }

    func testInvalidDurations() {
        for text in ["", "5", "m", "5x", "1h 30m", "-5s", "1..5s", "s5"] {
            XCTAssertThrowsError(try DurationArgument(parsing: text), text) { error in
                XCTAssertEqual("\(error)", "'\(text)' is not a duration: write it as 500ms, 30s, 5m, 1h or 1h30m")
            }
        }
    }
}
