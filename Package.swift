// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "NeuralNetworkBasics",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Neural", targets: ["Neural"]),
        .library(name: "WorkbookKit", targets: ["WorkbookKit"]),
        .library(name: "Charts", targets: ["Charts"]),
        .executable(name: "workbook", targets: ["WorkbookCLI"]),
        .library(name: "NeuralTraining", targets: ["NeuralTraining"]),
        .executable(name: "training-benchmark", targets: ["TrainingBenchmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-symbolkit", exact: "1.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "NeuralTraining", dependencies: ["Neural", "COpenBLAS", "CZlib", "Charts"], exclude: ["README.md"]),
        .executableTarget(
            name: "TrainingBenchmark",
            dependencies: ["NeuralTraining"],
            path: "Benchmarks/TrainingBenchmark"
        ),
        .target(name: "Neural", exclude: ["README.md"]),
        .target(name: "Charts", exclude: ["README.md"]),
        .target(name: "WorkbookRuntime", dependencies: ["Neural", "Charts"], exclude: ["README.md"]),
        .target(name: "WorkbookKit", dependencies: ["Ccmark"], exclude: ["README.md"]),
        .target(
            name: "WorkbookSite",
            dependencies: ["WorkbookKit", .product(name: "SymbolKit", package: "swift-docc-symbolkit")],
            exclude: ["README.md"], resources: [.copy("Resources")]),
        .executableTarget(
            name: "WorkbookCLI",
            dependencies: [
                "WorkbookKit",
                "WorkbookSite",
                "NeuralTraining",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["README.md"]
        ),
        .testTarget(name: "NeuralTests", dependencies: ["Neural"]),
        .testTarget(
            name: "NeuralTrainingTests",
            dependencies: ["NeuralTraining"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "WorkbookKitTests",
            dependencies: ["WorkbookKit", "WorkbookRuntime", "Neural"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "WorkbookCLITests", dependencies: ["WorkbookCLI"]),
        .testTarget(name: "WorkbookSiteTests", dependencies: ["WorkbookSite", "WorkbookKit", "Charts"]),
    ]
)
