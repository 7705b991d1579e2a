import Foundation
import XCTest

/// One HTTP exchange made with the `curl` tool, as a client on the wire sees it.
struct HTTPResult {
    var status: Int
    /// Header names lower-cased.
    var headers: [String: String]
    var body: String
    /// curl's exit status: 0, or e.g. 52 when the server closed the connection without answering.
    var curlExit: Int32

    /// The body parsed as JSON.
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8)) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
}

/// Makes one request with curl; `body` goes to the server verbatim.
func http(
    _ method: String, _ url: String, headers: [String: String] = [:], body: String? = nil,
    file: StaticString = #filePath, line: UInt = #line
) throws -> HTTPResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    var arguments = ["-s", "-i", "-X", method, "-H", "Expect:", "--max-time", "20", url]
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) { arguments += ["-H", "\(name): \(value)"] }
    if body != nil { arguments += ["--data-binary", "@-"] }
    process.arguments = arguments
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    if let body { input.fileHandleForWriting.write(Data(body.utf8)) }
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard let split = text.range(of: "\r\n\r\n") else {
        return HTTPResult(status: 0, headers: [:], body: text, curlExit: process.terminationStatus)
    }
    let head = text[..<split.lowerBound].split(separator: "\r\n")
    let status = head.first.flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) } ?? 0
    var fields: [String: String] = [:]
    for line in head.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return HTTPResult(
        status: status, headers: fields, body: String(text[split.upperBound...]), curlExit: process.terminationStatus)
}
