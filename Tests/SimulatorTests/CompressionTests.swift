import Foundation
import Simulator
import XCTest

/// The org gzips an answer when the request's `Accept-Encoding` lists gzip, as Salesforce does.
final class CompressionTests: SimulatorTestCase {
    func testAnswersAreGzippedExactlyWhenAskedFor() throws {
        _ = job(SimJobSpec(jobType: .v2Ingest))
        let cases: [(acceptEncoding: String?, gzipped: Bool)] = [
            ("gzip, deflate", true), ("GZIP", true), ("deflate;q=1, gzip;q=0.5", true), ("identity, gzip ; q=1", true),
            (nil, false), ("deflate", false), ("gzip;q=0", false), ("x-gzip", false), ("gzipped", false),
        ]
        for (acceptEncoding, gzipped) in cases {
            var headers = bearer
            if let acceptEncoding { headers["Accept-Encoding"] = acceptEncoding }
            let result = try http("GET", "\(v2)/jobs/ingest", headers: headers)
            XCTAssertEqual(result.status, 200)
            XCTAssertEqual(result.headers["content-encoding"], gzipped ? "gzip" : nil, "\(acceptEncoding ?? "none")")
            // A gzip stream starts with 1f 8b, which is not UTF-8; a plain answer is the JSON itself.
            XCTAssertEqual(result.object["records"] != nil, !gzipped, "\(acceptEncoding ?? "none")")
        }
        XCTAssertEqual(server.requestLog.map(\.answerEncoding), cases.map { $0.gzipped ? "gzip" : nil })
    }
}
