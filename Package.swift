// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sfjobs",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sfjobs", targets: ["sfjobs"]),
        .executable(name: "sfjobs-simulator", targets: ["sfjobs-simulator"]),
        // For the fuzz targets in Fuzz/, which build against these two modules.
        .library(name: "SalesforceBulk", targets: ["SalesforceBulk"]),
        .library(name: "LuaHost", targets: ["LuaHost"]),
    ],
    dependencies: [
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // C bridges: Lua through pkg-config with a shim header; libcurl and libedit opened on first use.
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        .target(name: "CLoader", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .target(name: "CCurl", dependencies: ["CLoader"]),
        .target(name: "CEditline", dependencies: ["CLoader"]),

        // Libraries.
        .target(name: "LuaHost", dependencies: ["CLua"]),
        .target(
            name: "SalesforceBulk",
            dependencies: [
                "CCurl",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        .target(
            name: "SFModule",
            dependencies: ["LuaHost", "SalesforceBulk", .product(name: "Logging", package: "swift-log")]),
        .target(
            name: "Simulator",
            dependencies: [
                "SalesforceBulk",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),

        // Executables: thin wiring only.
        .executableTarget(
            name: "sfjobs",
            dependencies: [
                "LuaHost", "SFModule", "SalesforceBulk", "CEditline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "sfjobs-simulator",
            dependencies: [
                "Simulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Tests, one target per module; end-to-end tests drive the built binaries.
        .testTarget(name: "LuaHostTests", dependencies: ["LuaHost"]),
        .testTarget(name: "SalesforceBulkTests", dependencies: ["SalesforceBulk", "Simulator", "CCurl"]),
        .testTarget(
            name: "SimulatorTests",
            dependencies: [
                "Simulator", "SalesforceBulk",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]),
        .target(name: "PseudoTerminalSupport", path: "Tests/PseudoTerminalSupport"),
        .testTarget(name: "SFModuleTests", dependencies: ["SFModule", "LuaHost", "SalesforceBulk"]),
        .testTarget(name: "SFJobsTests", dependencies: ["sfjobs"]),
        .testTarget(name: "EndToEndTests", dependencies: ["PseudoTerminalSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
