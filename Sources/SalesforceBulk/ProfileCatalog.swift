/// The profiles of the profile file, for `sfjobs config list` and `show`.
public enum ProfileCatalog {
    /// The profile file's path (it may not exist).
    public static func path(environment: [String: String]) -> String? {
        ProfileFile.defaultPath(environment: environment)
    }

    /// The profile names in the file, sorted, and the file's warnings (such as being readable by others).
    public static func names(environment: [String: String]) throws(SalesforceError) -> (names: [String], warnings: [String]) {
        guard let path = path(environment: environment), let contents = try ProfileFile.load(path: path) else { return ([], []) }
        return (contents.profiles.keys.sorted(), contents.warnings)
    }
}
