// swift-tools-version:6.1
import PackageDescription

/// Settings every target of ours gets, so the whole codebase follows one set of language rules.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "SkillMeat",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "skillmeat", targets: ["skillmeat"]),
        .executable(name: "skillmeat-bench", targets: ["skillmeat-bench"]),
        .executable(name: "generate-plugin-registry", targets: ["generate-plugin-registry"]),
        .library(name: "SkillMeatPluginAPI", targets: ["SkillMeatPluginAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already in the graph through Hummingbird; named so HTTP tests can read response buffers.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: []
)

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")
let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")
let grdb: Target.Dependency = .product(name: "GRDB", package: "GRDB.swift")
let yams: Target.Dependency = .product(name: "Yams", package: "Yams")
let tomlKit: Target.Dependency = .product(name: "TOMLKit", package: "TOMLKit")
let hummingbird: Target.Dependency = .product(name: "Hummingbird", package: "hummingbird")
let hummingbirdTesting: Target.Dependency = .product(name: "HummingbirdTesting", package: "hummingbird")
let nioCore: Target.Dependency = .product(name: "NIOCore", package: "swift-nio")

// Our product plugins are ordinary library targets kept under `Plugins/` (not SwiftPM build-tool
// plugins): each depends on SkillMeatPluginAPI only and is registered through config/plugins.toml.
// `extra` lists what a plugin needs beyond the plugin API (third-party packages only, never our modules).
let productPlugins: [(name: String, extra: [Target.Dependency])] = [
    ("ConflictStrategies", []),
    ("SourceGitHub", []),
    ("SourceGitLab", []),
    ("SourceGitea", []),
    ("SourceGit", [crypto]),
    ("DetectorSkills", []),
    ("DetectorCommands", []),
    ("DetectorAgents", []),
    ("DetectorMCPServers", []),
    ("DetectorHooks", []),
    ("DeployerClaudeCode", []),
    ("DeployerCodex", []),
    ("DeployerCopilot", []),
    ("DeployerOpenCode", []),
    ("DeployerGemini", []),
    ("DeployerCursor", []),
]

package.targets += [
    .target(name: "SkillMeatPluginAPI", dependencies: [logging, yams, crypto, tomlKit]),
    // The storage contract: typed records and async store protocols, free of any database driver.
    .target(name: "SkillMeatStore", dependencies: ["SkillMeatPluginAPI"]),
    // The one suite every store implementation must pass, written against the protocols only.
    .target(name: "SkillMeatStoreTesting", dependencies: ["SkillMeatStore", "SkillMeatPluginAPI"]),
    // The embedded SQLite implementation of the contract; only the composition root (and tests of
    // SQLite itself) see it, so Core, CLI and HTTP cannot reach GRDB or SQL.
    .target(name: "SkillMeatCache", dependencies: ["SkillMeatPluginAPI", "SkillMeatStore", grdb]),
    .target(name: "SkillMeatCore", dependencies: ["SkillMeatPluginAPI", "SkillMeatStore", logging, tomlKit]),
    .target(
        name: "SkillMeatRegistry",
        dependencies: ["SkillMeatPluginAPI", "SkillMeatStore", "SkillMeatCache", "SkillMeatCore"] + productPlugins.map { .target(name: $0.name) }
    ),
    // The web UI's files, compiled in from web/ by generate-plugin-registry; no dependencies.
    .target(name: "SkillMeatWeb"),
    .target(name: "SkillMeatHTTP", dependencies: ["SkillMeatPluginAPI", "SkillMeatStore", "SkillMeatCore", "SkillMeatRegistry", "SkillMeatWeb", logging, hummingbird, nioCore]),
    .target(
        name: "SkillMeatCLI",
        dependencies: ["SkillMeatPluginAPI", "SkillMeatStore", "SkillMeatCore", "SkillMeatRegistry", argumentParser, logging]
    ),
    .executableTarget(
        name: "skillmeat", dependencies: ["SkillMeatCLI", "SkillMeatHTTP"],
        // The release binary carries its own Swift runtime and Foundation: resolving them from 50 shared
        // libraries at every launch cost more than everything a short command does (issue 12: startup).
        swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))],
        linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]
    ),
    .target(
        name: "SkillMeatTestSupport",
        dependencies: ["SkillMeatPluginAPI", "SkillMeatStore", "SkillMeatCore", logging, hummingbird, nioCore, crypto]
    ),
    .executableTarget(
        name: "skillmeat-bench",
        dependencies: ["SkillMeatPluginAPI", "SkillMeatStore", "SkillMeatCore", "SkillMeatRegistry", "SkillMeatTestSupport", argumentParser, logging]
    ),
    // The generator's logic is a library so the staleness test can render the same files; it never
    // depends on the code it generates, so a broken generated file can always be regenerated.
    .target(name: "PluginRegistryGenerator", dependencies: [tomlKit]),
    .executableTarget(name: "generate-plugin-registry", dependencies: ["PluginRegistryGenerator"]),
]

package.targets += productPlugins.map { plugin in
    .target(
        name: plugin.name,
        dependencies: ["SkillMeatPluginAPI"] + plugin.extra,
        path: "Plugins/\(plugin.name)",
        exclude: ["README.md"]
    )
}

package.targets += [
    .testTarget(name: "SkillMeatPluginAPITests", dependencies: ["SkillMeatPluginAPI", "SkillMeatTestSupport", logging]),
    .testTarget(name: "SkillMeatStoreTests", dependencies: ["SkillMeatStore", "SkillMeatPluginAPI"]),
    .testTarget(
        name: "SkillMeatCacheTests",
        dependencies: ["SkillMeatCache", "SkillMeatStore", "SkillMeatStoreTesting", "SkillMeatPluginAPI", "SkillMeatTestSupport"]
    ),
    // Core's tests run the use cases over the SQLite store, opened in memory or in a temporary home.
    .testTarget(name: "SkillMeatCoreTests", dependencies: ["SkillMeatCore", "SkillMeatStore", "SkillMeatPluginAPI", "SkillMeatCache", "SkillMeatTestSupport", logging]),
    .testTarget(
        name: "SkillMeatRegistryTests",
        dependencies: ["SkillMeatRegistry", "SkillMeatCore", "SkillMeatStore", "SkillMeatPluginAPI", "SkillMeatTestSupport", "PluginRegistryGenerator", logging]
    ),
    .testTarget(
        name: "SkillMeatCLITests",
        // GRDB only to inject database faults (a trigger that fails a write) under the real store.
        dependencies: ["SkillMeatCLI", "SkillMeatCore", "SkillMeatStore", "SkillMeatCache", "SkillMeatPluginAPI", "SkillMeatTestSupport", grdb]
    ),
    .testTarget(
        name: "SkillMeatHTTPTests",
        dependencies: [
            "SkillMeatHTTP", "SkillMeatWeb", "SkillMeatCore", "SkillMeatStore", "SkillMeatCache", "SkillMeatPluginAPI", "SkillMeatRegistry", "SkillMeatTestSupport",
            hummingbird, hummingbirdTesting, nioCore, logging,
        ]
    ),
    // The web UI in headless Chromium over WebDriver, against the built `skillmeat serve`.
    .testTarget(name: "WebUITests", dependencies: ["SkillMeatTestSupport", "SkillMeatPluginAPI"]),
]
// Detection measured end to end on the labelled corpus: the scanner with the five detector plugins.
package.targets += [
    .testTarget(
        name: "DetectionAccuracyTests",
        dependencies: [
            "SkillMeatCore", "SkillMeatPluginAPI", "SkillMeatTestSupport",
            "DetectorSkills", "DetectorCommands", "DetectorAgents", "DetectorMCPServers", "DetectorHooks",
        ]
    ),
]
package.targets += productPlugins.map { plugin in
    .testTarget(name: "\(plugin.name)Tests", dependencies: [.target(name: plugin.name), "SkillMeatPluginAPI", "SkillMeatTestSupport", logging])
}

for target in package.targets {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
    // Every module keeps a README.md beside its sources; it is documentation, not a resource.
    if target.type != .test, target.path == nil {
        target.exclude += ["README.md"]
    }
}
