// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "NeuralNetworkBasics",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Neural", targets: ["Neural"]),
        .library(name: "WorkbookKit", targets: ["WorkbookKit"]),
        .executable(name: "workbook", targets: ["WorkbookCLI"]),
        .library(name: "Charts", targets: ["Charts"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(name: "Neural"),
        .target(name: "Charts"),
        .target(name: "WorkbookRuntime", dependencies: ["Neural", "Charts"]),
        .target(name: "WorkbookKit", dependencies: ["Ccmark"]),
        .executableTarget(
            name: "WorkbookCLI",
            dependencies: [
                "WorkbookKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "NeuralTests", dependencies: ["Neural"]),
        .testTarget(
            name: "WorkbookKitTests",
            dependencies: ["WorkbookKit", "WorkbookRuntime", "Neural"],
            exclude: ["Fixtures"]
        ),
    ]
)
