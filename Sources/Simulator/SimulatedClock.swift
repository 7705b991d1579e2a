import Foundation

/// Simulated time in seconds since 1970: it runs `speed` simulated seconds per
/// real second from its origin, plus whatever was added by `advance`.
struct SimulatedClock: Sendable {
    private let origin: Double
    private let realStart: Double
    private let speed: Double
    private var advanced: Double = 0

    init(origin: Double, speed: Double) {
        self.origin = origin
        self.realStart = Date().timeIntervalSince1970
        self.speed = speed
    }

    /// The current simulated instant.
    var now: Double { origin + (Date().timeIntervalSince1970 - realStart) * speed + advanced }

    /// Moves simulated time forward by `seconds`.
    mutating func advance(by seconds: Double) { advanced += max(0, seconds) }
}

/// Salesforce's two date spellings.
enum SalesforceDate {
    /// `2026-11-20T10:00:00.000+0000`, as Bulk 2.0 and JSON jobInfo write dates.
    static func json(_ seconds: Double) -> String { format(seconds, zone: "+0000") }

    /// `2026-11-20T10:00:00.000Z`, as XML jobInfo writes dates.
    static func xml(_ seconds: Double) -> String { format(seconds, zone: "Z") }

    private static func format(_ seconds: Double, zone: String) -> String {
        let millis = Int64((seconds * 1000).rounded(.down))
        let totalSeconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let ms = Int(millis - totalSeconds * 1000)
        let days = totalSeconds >= 0 ? totalSeconds / 86_400 : (totalSeconds - 86_399) / 86_400
        let secondOfDay = Int(totalSeconds - days * 86_400)
        let (year, month, day) = civil(fromDays: days)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(28)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3600, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2)
        bytes.append(UInt8(ascii: "."))
        digits(ms, 3)
        bytes += zone.utf8
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    private static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }
}
