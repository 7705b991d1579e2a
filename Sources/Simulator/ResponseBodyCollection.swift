import Hummingbird

extension ResponseBody {
    /// Every byte the body writes, gathered into one buffer (to send it again another way).
    func collected() async throws -> ByteBuffer {
        let collector = Collector()
        try await write(collector)
        return collector.buffer.withLock { $0 }
    }
}

/// Gathers the buffers a response body writes into one.
private final class Collector: ResponseBodyWriter, Sendable {
    let buffer = Locked(ByteBuffer())

    func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        _ = self.buffer.withLock { $0.writeBuffer(&buffer) }
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
