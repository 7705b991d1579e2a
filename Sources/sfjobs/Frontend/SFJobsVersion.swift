/// The version `sfjobs --version` prints and `sf.version` holds.
enum SFJobsVersion {
    static let current = "0.1.0"
}
