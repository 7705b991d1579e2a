import CCurl
import Testing

@testable import SalesforceBulk

/// libcurl is opened on first use; a library that is missing or lacks a function is named in the error.
@Suite struct CurlLibraryTests {
    private func check(_ file: String) -> (status: Int32, reason: String) {
        var reason = [CChar](repeating: 0, count: 512)
        let status = ccurl_check_library(file, &reason, reason.count)
        return (status, String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    @Test func theSystemLibcurlHasEveryFunction() {
        let result = check("libcurl.so.4")
        #expect(result.status == 0, "\(result.reason)")
    }

    @Test func aMissingLibraryIsNamed() {
        let result = check("libcurl-absent.so.9")
        #expect(result.status == -1)
        #expect(result.reason.contains("libcurl-absent.so.9"), "\(result.reason)")
    }

    @Test func aLibraryWithoutCurlFunctionsIsRefused() {
        let result = check("liblua5.4.so.0")
        #expect(result.status == -1)
        #expect(result.reason == "liblua5.4.so.0 has no curl_global_init (libcurl 7.83 or later is needed)")
    }

    @Test func loadingTwiceIsHarmless() throws {
        try CurlLibrary.load()
        try CurlLibrary.load()
        #expect(ccurl_load() == nil)
    }
}
