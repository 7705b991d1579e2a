import Hummingbird

/// The answers of the hostile fault kinds: bodies and headers no client should
/// have to hold or wait for, all generated as they stream.
enum HostileReplies {
    /// How many bytes a `hugeBody` answer streams: 4 GiB.
    static let hugeBodyBytes = 4 << 30
    /// How many header lines an `endlessHeaders` answer carries (HTTPFields holds fewer than 65535).
    static let endlessHeaderLines = 60_000

    private static let filler = HTTPFields.Element.Name("X-Sim-Filler")!

    /// 200 with a JSON job list that goes on for ``hugeBodyBytes``: one 64 KiB chunk of
    /// records written again and again, so the simulator holds no more than that chunk.
    static func hugeBody() -> Response {
        let record = #"{"id":"7508c00000ABCDEAAA","object":"Account","state":"Open"},"#
        let chunk = ByteBuffer(string: String(repeating: record, count: 65_536 / record.utf8.count))
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: #"{"done":false,"records":["#))
            var sent = 0
            while sent < hugeBodyBytes {
                try await writer.write(chunk)
                sent += chunk.readableBytes
            }
            try await writer.write(ByteBuffer(string: "{}]}"))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json;charset=UTF-8"], body: body)
    }

    /// 200 with ``endlessHeaderLines`` header lines before a small JSON body.
    static func endlessHeaders() -> Response {
        var headers: HTTPFields = [.contentType: "application/json;charset=UTF-8"]
        let value = String(repeating: "h", count: 48)
        for _ in 0..<endlessHeaderLines { headers.append(HTTPFields.Element(name: filler, value: value)) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "{}")))
    }

    /// `response` as a 200 whose body is sent one byte every `intervalMilliseconds`.
    static func slowDrip(_ response: Response, intervalMilliseconds: Int) -> Response {
        let original = response.body
        var dripping = response
        dripping.status = .ok
        dripping.headers[.contentLength] = nil
        dripping.body = ResponseBody { writer in
            var bytes = try await original.collected()
            while let byte = bytes.readInteger(as: UInt8.self) {
                try await Task.sleep(for: .milliseconds(intervalMilliseconds))
                try await writer.write(ByteBuffer(integer: byte))
            }
            try await writer.finish(nil)
        }
        return dripping
    }

    /// `response` as a 200 whose first JSON string value starts with the bytes FF FE, which UTF-8 never has.
    static func invalidUTF8(_ response: Response) -> Response {
        var broken = response
        broken.status = .ok
        broken.headers[.contentLength] = nil
        broken.body = response.body.map { buffer in
            var bytes = Array(buffer.readableBytesView)
            let marker: [UInt8] = Array(#"":""#.utf8)
            let at = (0...max(0, bytes.count - marker.count)).first { Array(bytes[$0..<min(bytes.count, $0 + marker.count)]) == marker }
            bytes.insert(contentsOf: [0xFF, 0xFE], at: at.map { $0 + marker.count } ?? 0)
            return ByteBuffer(bytes: bytes)
        }
        return broken
    }

    /// 200 with the login page a captive portal or an authenticating proxy serves instead of the API.
    static func wrongContentType() -> Response {
        let page = """
            <!DOCTYPE html>
            <html><head><title>Login | Salesforce</title></head>
            <body><form method="post" action="/login"><input name="username"><input name="pw" type="password">
            <button>Log In</button></form></body></html>
            """
        return Reply.make(.ok, page, contentType: "text/html;charset=UTF-8")
    }
}
