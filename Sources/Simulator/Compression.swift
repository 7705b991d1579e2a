import CompressNIO
import Foundation
import Hummingbird

/// Salesforce compresses an answer when the request's `Accept-Encoding` lists gzip; so does the simulator.
enum Compression {
    /// `response` gzipped when `acceptEncoding` lists `gzip` (with a non-zero `q`) and it has a body.
    static func applied(to response: Response, acceptEncoding: String?) async throws -> Response {
        guard let acceptEncoding, acceptsGzip(acceptEncoding), response.body.contentLength != 0 else { return response }
        var plain = try await response.body.collected()
        let compressed = try plain.compress(with: .gzip())
        var headers = response.headers
        headers[.contentEncoding] = "gzip"
        headers[.contentLength] = nil
        return Response(status: response.status, headers: headers, body: ResponseBody(byteBuffer: compressed))
    }

    /// Whether an `Accept-Encoding` value lists gzip, e.g. `gzip, deflate` or `deflate;q=1, gzip;q=0.5`.
    static func acceptsGzip(_ value: String) -> Bool {
        value.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard parts.first == "gzip" else { return false }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) }
            return (quality ?? 1) > 0
        }
    }
}
