// swift-tools-version:6.0
// libFuzzer targets for the parsers that read what the network sends and for the Lua value bridge.
// Build with `Fuzz/build` (see Fuzz/README.md); the main package and its CI do not include this package.
import PackageDescription

/// One executable per fuzz target; each defines `LLVMFuzzerTestOneInput`.
let targets: [(name: String, module: String)] = [
    ("fuzz-bulk2-job", "SalesforceBulk"),
    ("fuzz-bulk1-job", "SalesforceBulk"),
    ("fuzz-error-body", "SalesforceBulk"),
    ("fuzz-token-response", "SalesforceBulk"),
    ("fuzz-soap-login", "SalesforceBulk"),
    ("fuzz-limit-info", "SalesforceBulk"),
    ("fuzz-job-list", "SalesforceBulk"),
    ("fuzz-lua-chunk", "LuaHost"),
    ("fuzz-lua-value", "LuaHost"),
]

let package = Package(
    name: "sfjobs-fuzz",
    dependencies: [.package(name: "sfjobs", path: "..")],
    targets: [.target(name: "FuzzDriver")]
        + targets.map { target in
            .executableTarget(
                name: target.name,
                dependencies: ["FuzzDriver", .product(name: target.module, package: "sfjobs")],
                path: "Sources/\(target.name)")
        },
    swiftLanguageModes: [.v6]
)
