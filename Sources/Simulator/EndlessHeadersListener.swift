import NIOCore
import NIOPosix

/// A bare HTTP/1.1 listener whose every answer is a status line followed by header
/// lines that never end, until the client hangs up: the hostile answer an HTTP
/// framework cannot send, since it holds a response's headers before writing them.
/// Writes follow the socket's pace (channel writability), so the simulator holds one chunk.
final class EndlessHeadersListener: Sendable {
    /// `http://HOST:PORT`; any method and path gets the endless answer.
    let url: String
    private let channel: any Channel

    private init(url: String, channel: any Channel) {
        self.url = url
        self.channel = channel
    }

    static func start(host: String) async throws -> EndlessHeadersListener {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(EndlessHeadersHandler())
                }
            }
            .bind(host: host, port: 0).get()
        let port = channel.localAddress?.port ?? 0
        return EndlessHeadersListener(url: "http://\(host):\(port)", channel: channel)
    }

    func stop() async {
        try? await channel.close()
    }
}

/// Reads a request's head, then writes header lines for as long as the connection is open.
private final class EndlessHeadersHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// 1,000 header lines of 64 bytes.
    private static let lines = ByteBuffer(string: String(repeating: "X-Sim-Filler: " + String(repeating: "h", count: 48) + "\r\n", count: 1000))
    private static let head = ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=UTF-8\r\n")
    private static let endOfHead = Array("\r\n\r\n".utf8)

    private var received: [UInt8] = []
    private var answering = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answering else { return }
        received += unwrapInboundIn(data).readableBytesView
        guard received.count < 65_536 else {
            context.close(promise: nil)
            return
        }
        guard contains(received, Self.endOfHead) else { return }
        answering = true
        context.writeAndFlush(wrapOutboundOut(Self.head), promise: nil)
        fill(context)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if answering { fill(context) }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// Writes chunks until the outbound buffer is full; writability brings us back.
    private func fill(_ context: ChannelHandlerContext) {
        while context.channel.isActive && context.channel.isWritable {
            context.writeAndFlush(wrapOutboundOut(Self.lines), promise: nil)
        }
    }

    private func contains(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
        guard bytes.count >= pattern.count else { return false }
        return (0...(bytes.count - pattern.count)).contains { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }
    }
}
