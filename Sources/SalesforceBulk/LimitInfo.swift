/// Reads the `Sforce-Limit-Info` response header, e.g. `api-usage=18/5000; per-app-api-usage=17/250(appName=x)`.
///
/// Every API response carries the header, so it is read over its UTF-8 bytes without building strings.
enum LimitInfo {
    /// The `api-usage` used/limit pair, nil when the header has none.
    static func apiUsage(_ header: String) -> (used: Int, limit: Int)? {
        var header = header
        return header.withUTF8 { bytes in
            var rest = bytes[...]
            while !rest.isEmpty {
                let end = rest.firstIndex(of: UInt8(ascii: ";")) ?? rest.endIndex
                let part = rest[..<end]
                rest = rest[(end < rest.endIndex ? end + 1 : end)...]
                guard let equals = part.firstIndex(of: UInt8(ascii: "=")),
                    part[..<equals].trimmingSpacesAndTabs.elementsEqual("api-usage".utf8)
                else { continue }
                let value = part[(equals + 1)...]
                guard let slash = value.firstIndex(of: UInt8(ascii: "/")),
                    let used = integer(value[..<slash]), let limit = integer(value[(slash + 1)...])
                else { return nil }
                return (used, limit)
            }
            return nil
        }
    }

    /// A non-negative decimal integer, surrounding spaces allowed; nil otherwise or on overflow.
    private static func integer(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        let digits = bytes.trimmingSpacesAndTabs
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflowTimes && !overflowSum else { return nil }
            value = sum
        }
        return value
    }
}
