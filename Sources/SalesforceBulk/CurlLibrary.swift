import CCurl

/// libcurl, opened on the first HTTP call or URL check rather than at process start:
/// a Lua chunk that never reaches Salesforce never pays for loading it (see `ccurl.h`).
enum CurlLibrary {
    /// Loads libcurl once per process; a `connection` error `LIBCURL_UNAVAILABLE` when it cannot be.
    static func load() throws(SalesforceError) {
        guard let reason = ccurl_load() else { return }
        throw SalesforceError(
            kind: .connection, code: "LIBCURL_UNAVAILABLE",
            message: "\(String(cString: reason)); install libcurl 4 (Debian: apt install libcurl4)")
    }
}
