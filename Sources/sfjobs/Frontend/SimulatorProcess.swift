#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The simulated org as a child process: `sfjobs-simulator`, which sits next
/// to `sfjobs` so the simulator never weighs on the main binary's startup.
final class SimulatorProcess {
    /// `SF_INSTANCE_URL` and `SF_ACCESS_TOKEN` as the simulator printed them.
    let instanceURL: String
    let accessToken: String
    private let pid: pid_t
    private let stdinWriter: Int32

    /// The simulator binary beside the running executable.
    static func binaryPath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        let path = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        let candidate = String(path[..<slash]) + "/sfjobs-simulator"
        return access(candidate, X_OK) == 0 ? candidate : nil
    }

    /// Replaces this process with the simulator, passing `arguments` (for `sfjobs simulator`).
    static func exec(arguments: [String]) -> Never {
        guard let path = binaryPath() else {
            StandardError.write("sfjobs: sfjobs-simulator was not found next to sfjobs; build it with `swift build`\n")
            exit(ExitStatus.failure)
        }
        let words: [String] = [path] + arguments
        let argv = words.map { strdup($0) } + [nil]
        execv(path, argv)
        StandardError.write("sfjobs: cannot start \(path): \(String(cString: strerror(errno)))\n")
        exit(ExitStatus.failure)
    }

    /// Starts a simulator on a free loopback port and waits for its export lines.
    /// It exits when this process closes its stdin (also when this process dies).
    init(jobs: Int) throws(SimulatorStartError) {
        guard let path = Self.binaryPath() else { throw SimulatorStartError(message: "sfjobs-simulator was not found next to sfjobs") }
        var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { throw SimulatorStartError(message: "cannot create pipes") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        for fd in toChild + fromChild { posix_spawn_file_actions_addclose(&actions, fd) }
        let words: [String] = [path, "--port", "0", "--jobs", String(jobs), "--exit-on-stdin-eof"]
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, path, &actions, nil, argv, environ)
        close(toChild[0])
        close(fromChild[1])
        guard status == 0 else {
            close(toChild[1])
            close(fromChild[0])
            throw SimulatorStartError(message: "cannot start \(path): \(String(cString: strerror(status)))")
        }
        _ = fcntl(toChild[1], F_SETFD, FD_CLOEXEC)
        pid = child
        stdinWriter = toChild[1]
        var exports: [String: String] = [:]
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while exports["SF_INSTANCE_URL"] == nil || exports["SF_ACCESS_TOKEN"] == nil {
            let n = read(fromChild[0], &chunk, chunk.count)
            guard n > 0 else { break }
            pending += chunk[..<n]
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                guard line.hasPrefix("export "), let equals = line.firstIndex(of: "=") else { continue }
                exports[String(line[line.index(line.startIndex, offsetBy: 7)..<equals])] = String(line[line.index(after: equals)...])
            }
        }
        close(fromChild[0])
        guard let url = exports["SF_INSTANCE_URL"], let token = exports["SF_ACCESS_TOKEN"] else {
            close(stdinWriter)
            kill(child, SIGTERM)
            throw SimulatorStartError(message: "the simulator did not report its address")
        }
        instanceURL = url
        accessToken = token
    }

    /// Stops the simulator and waits for it.
    func stop() {
        close(stdinWriter)
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}

/// Why the simulated org could not be started.
struct SimulatorStartError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
