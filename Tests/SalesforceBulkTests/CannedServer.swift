import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A bare HTTP/1.1 server on 127.0.0.1 for answers no simulated org gives: every request gets the
/// bytes `answer` makes for it, sent as they are, and the connection is closed.
final class CannedServer: @unchecked Sendable {
    /// What the server saw of one request.
    struct Request: Sendable {
        /// 1 for the first request the server got.
        var number: Int
        var method: String
        var path: String
        /// The header lines, as sent.
        var head: String
    }

    let url: String
    private let listener: Int32
    private let answer: @Sendable (Request) -> [UInt8]
    private let lock = NSLock()
    private var received: [Request] = []

    /// Every request so far, in order.
    var requests: [Request] { lock.withLock { received } }

    init(_ answer: @escaping @Sendable (Request) -> [UInt8]) throws {
        self.answer = answer
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 16) == 0 && getsockname(listener, pointer, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
        url = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
        Thread.detachNewThread { [self] in serve() }
    }

    /// Stops accepting connections. The serving thread closes the listener once its `accept` fails:
    /// closed here, the descriptor's number could go to the next server's listener while that
    /// thread still waits on it, and it would answer the next server's requests.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    /// A whole answer: status line, `Content-Type`, `Content-Length`, `extra` header lines, the body.
    static func response(_ status: Int, _ body: String, contentType: String = "application/json", extra: [String] = []) -> [UInt8] {
        let head = ["HTTP/1.1 \(status) Canned", "Content-Type: \(contentType)", "Content-Length: \(body.utf8.count)", "Connection: close"]
            + extra
        return Array((head.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
    }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                close(listener)
                return
            }
            if var request = readRequest(connection) {
                request.number = lock.withLock {
                    received.append(request)
                    return received.count
                }
                let bytes = answer(request)
                bytes.withUnsafeBytes { buffer in
                    var sent = 0
                    while sent < buffer.count {
                        let count = send(connection, buffer.baseAddress! + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
                        if count <= 0 { break }
                        sent += count
                    }
                }
            }
            close(connection)
        }
    }

    /// The request line and header lines (a body, if any, is read and dropped).
    private func readRequest(_ connection: Int32) -> Request? {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let end = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            data += chunk[0..<count]
            headEnd = data.indices.dropLast(3).first { data[$0..<($0 + 4)].elementsEqual(end) }
        }
        let head = String(decoding: data[..<headEnd!], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        let contentLength = lines.dropFirst().compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }.first ?? 0
        var bodyRead = data.count - (headEnd! + 4)
        while bodyRead < contentLength {
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0 else { break }
            bodyRead += count
        }
        return Request(number: 0, method: String(requestLine[0]), path: String(requestLine[1]), head: head)
    }
}
