/// A number of bytes as the command line writes it: `1048576`, `512K`, `64M`, `1G` (powers of 1024;
/// `KiB`, `MiB`, `GiB` and `B` are read too).
struct ByteCountArgument: Equatable, Sendable, CustomStringConvertible {
    let bytes: Int

    /// Why a byte count could not be read.
    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    init(bytes: Int) {
        self.bytes = bytes
    }

    init(parsing text: String) throws(ParseError) {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let unit = text.dropFirst(digits.count).uppercased()
        guard let number = Int(digits), let scale = Self.unitBytes[unit], number <= Int.max / scale else {
            throw ParseError(description: "'\(text)' is not a byte count: write it as 1048576, 512K, 64M or 1G")
        }
        bytes = number * scale
    }

    private static let unitBytes: [String: Int] = [
        "": 1, "B": 1, "K": 1 << 10, "KB": 1 << 10, "KIB": 1 << 10, "M": 1 << 20, "MB": 1 << 20, "MIB": 1 << 20,
        "G": 1 << 30, "GB": 1 << 30, "GIB": 1 << 30,
    ]

    var description: String {
        for (unit, scale) in [("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)] where bytes >= scale && bytes % scale == 0 {
            return "\(bytes / scale)\(unit)"
        }
        return "\(bytes)"
    }
}
