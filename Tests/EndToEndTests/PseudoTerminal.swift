import Foundation
import PseudoTerminalSupport
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `sfjobs` on a pseudo-terminal, as a person at a terminal would:
/// in its own session with the terminal as its controlling tty, so Ctrl-C is a real SIGINT.
/// Its standard output may be a pipe instead (`sfjobs demo | cat`); what comes through
/// the pipe joins the transcript.
final class PseudoTerminal {
    private let master: Int32
    /// The read end of the pipe that is the program's standard output, when it is not the terminal.
    private let output: Int32?
    let pid: pid_t
    /// Everything the program wrote, escape sequences and carriage returns removed.
    private(set) var transcript = ""

    init(arguments: [String], environment: [String: String], outputToPipe: Bool = false) throws {
        let path = SFJobsProcess.binary.path
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SF_") }
        env["TERM"] = "xterm"
        env["NO_COLOR"] = "1"
        env.merge(environment) { $1 }
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var ends: [Int32] = [-1, -1]
        if outputToPipe {
            guard pipe(&ends) == 0 else { throw NSError(domain: "PseudoTerminal", code: Int(errno)) }
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        }
        var fd: Int32 = -1
        let child = pts_spawn(path, argv, envp, 40, 160, ends[1], &fd)
        if outputToPipe { close(ends[1]) }
        guard child > 0 else { throw NSError(domain: "PseudoTerminal", code: Int(errno)) }
        pid = child
        master = fd
        output = outputToPipe ? ends[0] : nil
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
        if let output { close(output) }
    }

    func send(_ text: String) {
        _ = text.withCString { write(master, $0, strlen($0)) }
    }

    /// Waits until the transcript (after `from`) contains `text`; fails the test after `timeout` seconds.
    @discardableResult
    func expect(_ text: String, after from: String.Index? = nil, timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let searchStart = from ?? transcript.startIndex
            if transcript[searchStart...].contains(text) { return true }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                XCTFail("did not see \(text.debugDescription) in:\n\(transcript)", file: file, line: line)
                return false
            }
            readAvailable(waitingUpTo: min(remaining, 0.2))
        }
    }

    /// The end of the transcript now, to expect output that comes after it.
    var mark: String.Index {
        readAvailable(waitingUpTo: 0.05)
        return transcript.endIndex
    }

    /// Waits for the program to exit and returns its status.
    func waitForExit(timeout: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            readAvailable(waitingUpTo: 0.05)
            if waitpid(pid, &status, WNOHANG) == pid { return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f) }
        }
        return nil
    }

    private func readAvailable(waitingUpTo seconds: Double) {
        var descriptors = ([master] + (output.map { [$0] } ?? [])).map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        guard poll(&descriptors, nfds_t(descriptors.count), Int32(seconds * 1000)) > 0 else { return }
        for descriptor in descriptors where descriptor.revents & Int16(POLLIN) != 0 {
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = read(descriptor.fd, &buffer, buffer.count)
            guard count > 0 else { continue }
            transcript += Self.clean(String(decoding: buffer[..<count], as: UTF8.self))
        }
    }

    /// Removes ANSI escape sequences and carriage returns.
    static func clean(_ text: String) -> String {
        var out = ""
        var escape = false, bracket = false
        for scalar in text.unicodeScalars {
            if escape {
                if scalar == "[" && !bracket { bracket = true; continue }
                if !bracket || (scalar.value >= 0x40 && scalar.value <= 0x7E) { escape = false; bracket = false }
                continue
            }
            if scalar == "\u{1B}" { escape = true; continue }
            if scalar == "\r" || scalar == "\u{07}" { continue }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
