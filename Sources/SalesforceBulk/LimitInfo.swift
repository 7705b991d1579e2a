/// Reads the `Sforce-Limit-Info` response header, e.g. `api-usage=18/5000; per-app-api-usage=17/250(appName=x)`.
enum LimitInfo {
    /// The `api-usage` used/limit pair, nil when the header has none.
    static func apiUsage(_ header: String) -> (used: Int, limit: Int)? {
        for part in header.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters == "api-usage" else { continue }
            let numbers = pair[1].split(separator: "/")
            guard numbers.count == 2, let used = Int(numbers[0].trimmingCharacters), let limit = Int(numbers[1].trimmingCharacters) else {
                return nil
            }
            return (used, limit)
        }
        return nil
    }
}

extension Substring {
    fileprivate var trimmingCharacters: String { String(self).trimmingSpaces }
}
