import ArgumentParser
import Dispatch
import Foundation
import Simulator

/// `sfjobs-simulator`: serves a simulated Salesforce org on 127.0.0.1 and prints
/// the environment that points a client at it.
@main
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sfjobs-simulator",
        abstract: "Serve a simulated Salesforce org on 127.0.0.1.",
        discussion: """
            Prints `export SF_INSTANCE_URL=…` and `export SF_ACCESS_TOKEN=…` on stdout, then serves
            until SIGINT or SIGTERM. The control API for tests lives under /__simulator/.
            """)

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 0

    @Option(help: "How many seeded jobs the org starts with (0 for an empty org).")
    var jobs = 300

    @Option(help: "Seed of the generated data.")
    var seed: UInt64 = 1

    @Option(help: "Simulated seconds per real second.")
    var clockSpeed = 1.0

    @Option(help: "Records per page of the job lists.")
    var pageSize = 1000

    @Option(help: "API version the org reports for new jobs.")
    var apiVersion = "66.0"

    @Flag(help: "Exit when standard input reaches end of file (for a parent process that must not leave us behind).")
    var exitOnStdinEof = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard jobs >= 0 else { throw ValidationError("--jobs must not be negative") }
        guard clockSpeed >= 0 else { throw ValidationError("--clock-speed must not be negative") }
        guard pageSize > 0 else { throw ValidationError("--page-size must be positive") }
    }

    func run() async throws {
        var options = SimulatorOptions()
        options.port = port
        options.jobs = jobs
        options.seed = seed
        options.clockSpeed = clockSpeed
        options.pageSize = pageSize
        options.apiVersion = apiVersion
        let stopRequests = StopRequests(stdinEOF: exitOnStdinEof)
        let server = try await SimulatorServer.start(options)
        let app = server.credentials
        let lines = """
            export SF_INSTANCE_URL=\(server.baseURL)
            export SF_ACCESS_TOKEN=\(server.accessToken)
            # simulated org \(app.orgID): \(jobs) seeded jobs, API \(apiVersion), clock x\(clockSpeed)
            # login: username \(app.username), password \(app.password)
            # connected app: client id \(app.clientID), client secret \(app.clientSecret)
            # refresh token: \(app.refreshToken)
            # control API: \(server.baseURL)/__simulator/ (jobs, faults, advance, requests, credentials)

            """
        FileHandle.standardOutput.write(Data(lines.utf8))
        await stopRequests.wait()
        await server.stop()
    }
}

/// Waits for SIGINT, SIGTERM, or (when asked) the end of standard input.
final class StopRequests {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let sources: [any DispatchSourceSignal]

    init(stdinEOF: Bool) {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        let continuation = continuation
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            return source
        }
        if stdinEOF {
            Thread.detachNewThread {
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = read(STDIN_FILENO, &buffer, buffer.count)
                    if count > 0 || (count < 0 && errno == EINTR) { continue }
                    break
                }
                continuation.yield()
            }
        }
    }

    func wait() async {
        var iterator = stream.makeAsyncIterator()
        _ = await iterator.next()
        sources.forEach { $0.cancel() }
    }
}
