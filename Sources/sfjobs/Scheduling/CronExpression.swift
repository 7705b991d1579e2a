#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A five-field cron expression (minute, hour, day of month, month, day of week) read as Vixie cron
/// reads it, matched against local time as the C library sees it (so `TZ` is respected).
///
/// Each field is `*` or a comma-separated list of values, ranges `a-b` and steps (`*/n`, `a-b/n`, `a/n`);
/// months and days of the week may be named (`jan`, `mon`), and Sunday is 0 or 7.  When both day fields
/// are restricted (neither starts with `*`), a day matches if either does; otherwise both must match.
/// `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight` and `@hourly` stand for their
/// usual expressions.
struct CronExpression: Equatable, Sendable, CustomStringConvertible {
    let minutes: CronField
    let hours: CronField
    let daysOfMonth: CronField
    let months: CronField
    let daysOfWeek: CronField
    /// The expression as written.
    let description: String

    /// Why an expression could not be read.
    struct ParseError: Error, CustomStringConvertible, Equatable {
        let description: String
    }

    private static let macros = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    init(parsing text: String) throws(ParseError) {
        let trimmed = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        let expanded = Self.macros[trimmed.lowercased()] ?? trimmed
        let fields = expanded.split(separator: " ").map { String($0).lowercased() }
        guard fields.count == 5 else {
            throw ParseError(description: "'\(text)' is not a cron expression: it needs five fields "
                + "(minute hour day-of-month month day-of-week), found \(fields.count)")
        }
        do {
            minutes = try CronField(fields[0], .minute)
            hours = try CronField(fields[1], .hour)
            daysOfMonth = try CronField(fields[2], .dayOfMonth)
            months = try CronField(fields[3], .month)
            daysOfWeek = try CronField(fields[4], .dayOfWeek)
        } catch {
            throw ParseError(description: "'\(text)' is not a cron expression: \(error.description)")
        }
        description = text
    }

    /// Whether the expression names the local time `parts` (seconds ignored).
    func matches(_ parts: tm) -> Bool {
        months.contains(Int(parts.tm_mon) + 1) && dayMatches(parts)
            && hours.contains(Int(parts.tm_hour)) && minutes.contains(Int(parts.tm_min))
    }

    private func dayMatches(_ parts: tm) -> Bool {
        let day = daysOfMonth.contains(Int(parts.tm_mday))
        let weekday = daysOfWeek.contains(Int(parts.tm_wday))
        return daysOfMonth.isStar || daysOfWeek.isStar ? day && weekday : day || weekday
    }

    /// The first whole minute strictly after `time` that the expression names, or nil when none
    /// comes within eight years (`0 0 30 2 *` never fires).  When clocks go back, an hour that
    /// repeats fires again only if the hour field starts with `*`, as in cronie.
    func next(after time: time_t) -> time_t? {
        var t = time
        var parts = tm()
        localtime_r(&t, &parts)
        let after = Self.wallClockMinute(parts)
        t = t - time_t(parts.tm_sec) + 60
        let lastYear = parts.tm_year + 8
        while true {
            localtime_r(&t, &parts)
            guard parts.tm_year <= lastYear else { return nil }
            if !months.contains(Int(parts.tm_mon) + 1) {
                parts.tm_mon += 1
                parts.tm_mday = 1
                t = Self.startOfDay(&parts)
            } else if !dayMatches(parts) {
                parts.tm_mday += 1
                t = Self.startOfDay(&parts)
            } else if !hours.contains(Int(parts.tm_hour)) {
                t += time_t(60 - parts.tm_min) * 60 - time_t(parts.tm_sec)
            } else if !minutes.contains(Int(parts.tm_min)) || (!hours.isStar && Self.wallClockMinute(parts) <= after) {
                t += 60
            } else {
                return t
            }
            guard t != -1 else { return nil }
        }
    }

    /// The local date and time to the minute as one number that grows with the wall clock.
    private static func wallClockMinute(_ parts: tm) -> Int {
        let day = (Int(parts.tm_year) * 12 + Int(parts.tm_mon)) * 31 + Int(parts.tm_mday)
        return (day * 24 + Int(parts.tm_hour)) * 60 + Int(parts.tm_min)
    }

    /// Midnight of the (possibly overflowing) day `parts` names, as `mktime` normalises it.
    private static func startOfDay(_ parts: inout tm) -> time_t {
        parts.tm_hour = 0
        parts.tm_min = 0
        parts.tm_sec = 0
        parts.tm_isdst = -1
        return mktime(&parts)
    }
}
