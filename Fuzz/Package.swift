// swift-tools-version:6.0
// libFuzzer targets for the parsers that read what the network sends and for the Lua value bridge.
// Build with `Fuzz/build` (see Fuzz/README.md); the main package and its CI do not include this package.
import PackageDescription

/// One executable per fuzz target; each defines `LLVMFuzzerTestOneInput` through `runFuzzer`. The parser
/// targets run the checks in `Checks/ParserChecks.swift`, which the main package's unit tests also run
/// over every seed, corpus and crash input.
let parserTargets = ["bulk2-job", "bulk1-job", "error-body", "token-response", "soap-login", "limit-info", "job-list"]
let luaTargets = ["lua-chunk", "lua-value"]

let package = Package(
    name: "sfjobs-fuzz",
    dependencies: [.package(name: "sfjobs", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .target(name: "FuzzChecks", dependencies: [.product(name: "SalesforceBulk", package: "sfjobs")], path: "Checks"),
    ]
        + parserTargets.map { name in
            .executableTarget(name: "fuzz-\(name)", dependencies: ["FuzzDriver", "FuzzChecks"], path: "Sources/fuzz-\(name)")
        }
        + luaTargets.map { name in
            .executableTarget(
                name: "fuzz-\(name)", dependencies: ["FuzzDriver", .product(name: "LuaHost", package: "sfjobs")],
                path: "Sources/fuzz-\(name)")
        },
    swiftLanguageModes: [.v6]
)
