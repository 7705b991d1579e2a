#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress report on stderr for long `close_jobs`, `job_infos`
/// and job listings: count, rate and errors, redrawn in place.  Shown only
/// when stderr is a terminal, so logs and pipes never see it.
final class ProgressLine {
    private let label: String
    private let total: Int?
    private let start = ProgressLine.now()
    private var lastDraw = 0.0
    private var drawn = false

    /// A progress line, or nil when stderr is not a terminal.
    static func make(_ label: String, total: Int? = nil) -> ProgressLine? {
        isatty(2) != 0 ? ProgressLine(label: label, total: total) : nil
    }

    private init(label: String, total: Int?) {
        self.label = label
        self.total = total
    }

    /// Redraws the line (at most ten times a second unless `force`).
    func update(done: Int, errors: Int = 0, force: Bool = false) {
        let now = Self.now()
        guard force || now - lastDraw >= 0.1 else { return }
        lastDraw = now
        let elapsed = max(now - start, 0.001)
        var text = "\r\u{1B}[K\(label): \(done)"
        if let total { text += "/\(total)" }
        text += " (\(Int(Double(done) / elapsed))/s"
        if errors > 0 { text += ", \(errors) error\(errors == 1 ? "" : "s")" }
        text += ")"
        write(text)
        drawn = true
    }

    /// Erases the line.
    func finish() {
        if drawn { write("\r\u{1B}[K") }
    }

    private func write(_ text: String) {
        var text = text
        text.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
