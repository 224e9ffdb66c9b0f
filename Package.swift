// swift-tools-version:6.0
import PackageDescription

// Mizan: labour-shortage forecasting and training paths for migrants.
// Library modules are usable on their own; `mizan` is the one command-line tool.
let package = Package(
    name: "Mizan",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "MizanSupport", targets: ["MizanSupport"]),
        .library(name: "LabourData", targets: ["LabourData"]),
        .library(name: "OutlookBundle", targets: ["OutlookBundle"]),
        .library(name: "Forecasting", targets: ["Forecasting"]),
        .library(name: "Statistics", targets: ["Statistics"]),
        .library(name: "Shortage", targets: ["Shortage"]),
        .library(name: "Recommender", targets: ["Recommender"]),
        .library(name: "Scenarios", targets: ["Scenarios"]),
        .library(name: "Outlook", targets: ["Outlook"]),
        .library(name: "Vintages", targets: ["Vintages"]),
        .library(name: "Workspace", targets: ["Workspace"]),
        .executable(name: "mizan", targets: ["MizanCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The vintages store (every past outlook) is one SQLite file, through GRDB.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // Excel workbooks (.xlsx) are zip archives of XML parts.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // `mizan serve`: the planners' and counsellors' web workspace.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        // OpenBLAS (CBLAS + LAPACK) and netlib LAPACKE from Debian's packages.
        // See Sources/CLapack/README.md for the recipe and its pitfalls.
        .systemLibrary(
            name: "CLapack",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapack-dev", "liblapacke-dev"])]
        ),
        .target(name: "LinearAlgebra", dependencies: ["CLapack"], exclude: ["README.md"]),
        // libdeflate for the worksheet of a large workbook (Sources/CDeflate/README.md).
        .systemLibrary(name: "CDeflate", path: "Sources/CDeflate", providers: [.apt(["libdeflate-dev"])]),
        // General utilities with no labour-market meaning: hashing, HTML escaping, parallel maps,
        // the one quantile definition, atomic writes, output folders, test failpoints.
        .target(name: "MizanSupport", exclude: ["README.md"]),
        .target(name: "LabourData", dependencies: ["MizanSupport", "CDeflate", .product(name: "ZIPFoundation", package: "ZIPFoundation")], exclude: ["README.md"]),
        // The outlook bundle's published files (lists, forecasts, manifest): the contract between
        // the stages and everything that reads their output.
        .target(name: "OutlookBundle", dependencies: ["MizanSupport", "LabourData"], exclude: ["README.md"]),
        .target(name: "Forecasting", dependencies: ["MizanSupport", "LinearAlgebra", "LabourData"], exclude: ["README.md"]),
        // Probability models and their scores, shared by shortage lists and job-seeker profiling.
        .target(name: "Statistics", dependencies: ["LinearAlgebra"], exclude: ["README.md"]),
        .target(name: "Shortage", dependencies: ["MizanSupport", "LinearAlgebra", "LabourData", "OutlookBundle", "Forecasting", "Statistics"], exclude: ["README.md"]),
        // Job-seeker profiling: risk of long-term unemployment, reasons, a fairness audit.
        .target(name: "Profiling", dependencies: ["MizanSupport", "LinearAlgebra", "LabourData", "OutlookBundle", "Statistics"], exclude: ["README.md"]),
        .target(name: "Recommender", dependencies: ["MizanSupport", "LinearAlgebra", "LabourData", "OutlookBundle"], exclude: ["README.md"]),
        .target(name: "Scenarios", dependencies: ["MizanSupport", "LabourData", "Forecasting", "Shortage"], exclude: ["README.md"]),
        .target(name: "Outlook", dependencies: ["MizanSupport", "LabourData", "OutlookBundle", "Forecasting", "Shortage", "Recommender", "Scenarios"], exclude: ["README.md"]),
        .target(name: "Vintages", dependencies: ["MizanSupport", "LabourData", "OutlookBundle", "Forecasting", .product(name: "GRDB", package: "GRDB.swift")],
                exclude: ["README.md"]),
        // The web workspace: pages rendered on the server (HTML from typed values, inline SVG), French, English
        // and Arabic, served by Hummingbird on 127.0.0.1.
        .target(name: "Workspace", dependencies: [
            "MizanSupport", "LabourData", "OutlookBundle", "Forecasting", "Shortage", "Recommender", "Vintages",
            .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ], exclude: ["README.md"]),
        .executableTarget(
            name: "MizanCLI",
            dependencies: [
                "MizanSupport", "LinearAlgebra", "LabourData", "OutlookBundle", "Forecasting", "Shortage", "Recommender", "Scenarios", "Outlook", "Vintages", "Profiling", "Workspace",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Benchmarks live apart from the library: a small driver timed against the peers.
        .executableTarget(
            name: "mizan-bench",
            dependencies: ["LinearAlgebra", "LabourData", "Forecasting"],
            path: "Benchmarks/MizanBench"
        ),
        .target(name: "TestSupport", dependencies: ["LinearAlgebra", "Forecasting", "LabourData"], path: "Tests/TestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(name: "OutlookBundleTests", dependencies: ["MizanSupport", "OutlookBundle", "Forecasting", "LabourData", "TestSupport"]),
        .testTarget(name: "LabourDataTests", dependencies: ["LabourData", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ForecastingTests", dependencies: ["MizanSupport", "Forecasting", "LinearAlgebra", "LabourData", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "OutlookTests", dependencies: ["MizanSupport", "OutlookBundle", "Outlook", "LabourData", "TestSupport"]),
        .testTarget(name: "ScenariosTests", dependencies: ["OutlookBundle", "Scenarios", "Shortage", "Forecasting", "LabourData", "TestSupport"]),
        .testTarget(name: "VintagesTests", dependencies: ["OutlookBundle", "Vintages", "Outlook", "Forecasting", "LabourData", "TestSupport"]),
        .testTarget(name: "RecommenderTests", dependencies: ["OutlookBundle", "Recommender", "LabourData", "TestSupport"]),
        // The real `mizan` binary, run as a child process: arguments, exit codes, stdout/stderr.
        .testTarget(name: "MizanCLITests", dependencies: ["MizanSupport", "OutlookBundle", "TestSupport", "LabourData", "Shortage"], exclude: ["Fixtures"]),
        .testTarget(name: "WorkspaceTests", dependencies: [
            "Workspace", "MizanSupport", "OutlookBundle", "Outlook", "LabourData", "Vintages", "TestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ], exclude: ["Fixtures"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "LinearAlgebra"]),
        .testTarget(name: "ProfilingTests", dependencies: ["OutlookBundle", "Profiling", "Statistics", "LabourData", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ShortageTests", dependencies: ["OutlookBundle", "Shortage", "Statistics", "Forecasting", "LinearAlgebra", "LabourData", "TestSupport"],
                    exclude: ["Fixtures"]),
    ]
)
