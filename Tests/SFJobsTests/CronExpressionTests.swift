import XCTest

@testable import sfjobs

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cron parser: fields, names, ranges, steps, the day rule, errors, and next times in a time zone.
final class CronExpressionTests: XCTestCase {
    override func setUp() {
        Self.useTimeZone("UTC")
    }

    override class func tearDown() {
        unsetenv("TZ")
        tzset()
    }

    func testStarStepsListsAndRanges() throws {
        let cron = try CronExpression(parsing: "*/15 9-17 1,15 * 1-5")
        XCTAssertEqual(values(cron.minutes, 0...59), [0, 15, 30, 45])
        XCTAssertEqual(values(cron.hours, 0...23), Array(9...17))
        XCTAssertEqual(values(cron.daysOfMonth, 1...31), [1, 15])
        XCTAssertEqual(values(cron.months, 1...12), Array(1...12))
        XCTAssertEqual(values(cron.daysOfWeek, 0...6), [1, 2, 3, 4, 5])
        XCTAssertTrue(cron.minutes.isStar)
        XCTAssertFalse(cron.daysOfMonth.isStar)
    }

    func testRangeStepsAndStartSteps() throws {
        let cron = try CronExpression(parsing: "10-30/10 5/6 * * *")
        XCTAssertEqual(values(cron.minutes, 0...59), [10, 20, 30])
        XCTAssertEqual(values(cron.hours, 0...23), [5, 11, 17, 23])
    }

    func testNamesAnyCaseAndSundayAsSeven() throws {
        let cron = try CronExpression(parsing: "0 0 * JAN-mar,Dec fri-7")
        XCTAssertEqual(values(cron.months, 1...12), [1, 2, 3, 12])
        XCTAssertEqual(values(cron.daysOfWeek, 0...6), [0, 5, 6])
        XCTAssertEqual(values(try CronExpression(parsing: "0 0 * * 7").daysOfWeek, 0...6), [0])
    }

    func testMacros() throws {
        XCTAssertEqual(try CronExpression(parsing: "@hourly").minutes, try CronExpression(parsing: "0 * * * *").minutes)
        let weekly = try CronExpression(parsing: "@weekly")
        XCTAssertEqual(values(weekly.daysOfWeek, 0...6), [0])
        XCTAssertEqual(weekly.description, "@weekly")
    }

    func testInvalidExpressionsSayWhatIsWrong() {
        let cases = [
            ("* * * *", "'* * * *' is not a cron expression: it needs five fields (minute hour day-of-month month day-of-week), found 4"),
            ("60 * * * *", "'60 * * * *' is not a cron expression: minute field: 60 is out of range 0-59"),
            ("* 24 * * *", "'* 24 * * *' is not a cron expression: hour field: 24 is out of range 0-23"),
            ("* * 0 * *", "'* * 0 * *' is not a cron expression: day-of-month field: 0 is out of range 1-31"),
            ("* * * foo *", "'* * * foo *' is not a cron expression: month field: 'foo' is not a number or a name such as 'feb'"),
            ("*/0 * * * *", "'*/0 * * * *' is not a cron expression: minute field: step '0' must be a positive number"),
            ("5-1 * * * *", "'5-1 * * * *' is not a cron expression: minute field: range '5-1' runs backwards"),
            ("1,,2 * * * *", "'1,,2 * * * *' is not a cron expression: minute field: '' is not a number"),
            ("-1 * * * *", "'-1 * * * *' is not a cron expression: minute field: '' is not a number"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try CronExpression(parsing: text), text) { error in
                XCTAssertEqual((error as? CronExpression.ParseError)?.description, message)
            }
        }
    }

    func testNextTimesInUTC() throws {
        XCTAssertEqual(try nextTimes("*/5 * * * *", after: "2026-11-22 16:51:30", count: 3),
                       ["2026-11-22 16:55", "2026-11-22 17:00", "2026-11-22 17:05"])
        XCTAssertEqual(try nextTimes("30 2 * * *", after: "2026-12-31 02:30:00", count: 2),
                       ["2027-01-01 02:30", "2027-01-02 02:30"])
        XCTAssertEqual(try nextTimes("0 0 29 2 *", after: "2026-03-01 00:00:00", count: 2),
                       ["2028-02-29 00:00", "2032-02-29 00:00"])
        XCTAssertEqual(try nextTimes("0 12 * * mon-fri", after: "2026-11-20 12:00:00", count: 2),
                       ["2026-11-23 12:00", "2026-11-24 12:00"])
    }

    func testBothDayFieldsRestrictedMatchEither() throws {
        // The 13th, or any Friday (2026-11-13 is itself a Friday).
        XCTAssertEqual(try nextTimes("0 0 13 * 5", after: "2026-11-01 00:00:00", count: 4),
                       ["2026-11-06 00:00", "2026-11-13 00:00", "2026-11-20 00:00", "2026-11-27 00:00"])
        XCTAssertEqual(try nextTimes("0 0 1 * 3", after: "2026-11-20 00:00:00", count: 3),
                       ["2026-11-25 00:00", "2026-12-01 00:00", "2026-12-02 00:00"])
        // A day-of-month starting with * means both must match: odd days that are Mondays.
        XCTAssertEqual(try nextTimes("0 0 */2 * mon", after: "2026-11-01 00:00:00", count: 2),
                       ["2026-11-09 00:00", "2026-11-23 00:00"])
    }

    func testImpossibleDateNeverFires() throws {
        let cron = try CronExpression(parsing: "0 0 30 2 *")
        XCTAssertNil(cron.next(after: try Self.time("2026-01-01 00:00:00")))
    }

    func testTimeZoneIsRespectedAcrossDaylightSaving() throws {
        Self.useTimeZone("America/New_York")
        // 2026-03-08: clocks go from 02:00 to 03:00; 02:30 does not exist that day.
        XCTAssertEqual(try nextTimes("30 * * * *", after: "2026-03-08 00:45:00", count: 3),
                       ["2026-03-08 01:30", "2026-03-08 03:30", "2026-03-08 04:30"])
        // 2026-11-01: clocks go back from 02:00 to 01:00; a fixed hour fires once, a wildcard hour twice.
        XCTAssertEqual(try nextTimes("30 1 * * *", after: "2026-11-01 00:00:00", count: 2),
                       ["2026-11-01 01:30", "2026-11-02 01:30"])
        XCTAssertEqual(try nextTimes("*/30 * * * *", after: "2026-11-01 00:45:00", count: 5),
                       ["2026-11-01 01:00", "2026-11-01 01:30", "2026-11-01 01:00", "2026-11-01 01:30", "2026-11-01 02:00"])
        let cron = try CronExpression(parsing: "0 9 * * *")
        let next = try XCTUnwrap(cron.next(after: try Self.time("2026-07-01 10:00:00")))
        XCTAssertEqual(next, 1_782_997_200)  // 2026-07-02 13:00 UTC
    }

    // MARK: - Helpers

    private func values(_ field: CronField, _ range: ClosedRange<Int>) -> [Int] {
        range.filter { field.contains($0) }
    }

    private func nextTimes(_ text: String, after start: String, count: Int) throws -> [String] {
        let cron = try CronExpression(parsing: text)
        var t = try Self.time(start)
        var result: [String] = []
        for _ in 0..<count {
            t = try XCTUnwrap(cron.next(after: t))
            result.append(Self.format(t))
        }
        return result
    }

    private static func useTimeZone(_ zone: String) {
        setenv("TZ", zone, 1)
        tzset()
    }

    /// `yyyy-mm-dd hh:mm:ss` in the current time zone.
    private static func time(_ text: String) throws -> time_t {
        let numbers = text.split(whereSeparator: { "- :".contains($0) }).compactMap { Int32($0) }
        XCTAssertEqual(numbers.count, 6)
        var parts = tm()
        parts.tm_year = numbers[0] - 1900
        parts.tm_mon = numbers[1] - 1
        parts.tm_mday = numbers[2]
        parts.tm_hour = numbers[3]
        parts.tm_min = numbers[4]
        parts.tm_sec = numbers[5]
        parts.tm_isdst = -1
        return mktime(&parts)
    }

    private static func format(_ time: time_t) -> String {
        var t = time
        var parts = tm()
        localtime_r(&t, &parts)
        func pad(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday)) \(pad(parts.tm_hour)):\(pad(parts.tm_min))"
    }

    func testCronRunsStartJustPastTheirMinuteSoTheCoarseClockReadsIt() throws {
        let schedule = Schedule.cron(try CronExpression(parsing: "* * * * *"))
        let minute: Int64 = 1_795_423_260_000  // a minute's first instant, in milliseconds
        let first = try XCTUnwrap(schedule.slot(after: minute - 30_000))
        XCTAssertEqual(first, minute + Schedule.cronStartMargin)
        XCTAssertEqual(schedule.slot(after: first), minute + 60_000 + Schedule.cronStartMargin)
    }
}
