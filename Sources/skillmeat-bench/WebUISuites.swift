import Foundation
import SkillMeatPluginAPI
import SkillMeatCore
import SkillMeatTestSupport

/// Page-ready of one web UI page (issue 16: under 300 ms) over a collection of 10,000 artifacts, each
/// linked to a catalog entry: the `skillmeat serve` built beside the benchmark, and headless Chromium
/// through chromedriver. Each run is a full load of the page; the time is the page's own, from the
/// start of navigation to the app's drawn page (`WebDriver.openTimingReady`), so the driver's round
/// trips are not counted.
struct WebUISuite: BenchmarkSuite {
    /// The pages measured, by suite name.
    static let pages: [(name: String, path: String, what: String)] = [
        ("web-ui-dashboard", "/", "the dashboard"),
        ("web-ui-collection", "/collection", "/collection (first 50 of 10,000)"),
        ("web-ui-artifact", "/collection/skill:skill-5000", "one artifact's page"),
        ("web-ui-source", "/marketplace/sources/bench-source?status=imported", "a source's catalog (50 of 10,000 entries)"),
        ("web-ui-manage", "/manage", "/manage (no deployments)"),
    ]

    /// What must stay alive between set-up and the runs; a class because suites are copied.
    final class Session: @unchecked Sendable {
        var server: ChildProcess?
        var base: URL?
        var browser: WebDriver?
    }

    let name: String
    let path: String
    let summary: String
    let target: Double? = 0.3
    var count = 10_000
    private let session = Session()

    init(name: String, path: String, what: String) {
        self.name = name
        self.path = path
        summary = "page-ready of \(what) in headless Chromium (server built beside the benchmark)"
    }

    func around<T>(_ body: () async throws -> T) async throws -> T {
        defer {
            session.server?.terminate()
            session.server?.waitUntilExit()
        }
        do {
            let result = try await body()
            await session.browser?.quit()
            return result
        } catch {
            await session.browser?.quit()
            throw error
        }
    }

    mutating func setUp(in scratch: URL) async throws -> String {
        let home = try await CollectionWorkload.make(in: scratch, count: count)
        try await CollectionWorkload.catalog(of: home, stores: try CollectionWorkload.stores(home), count: count) { _ in false }
        let environment = [
            "SKILLMEAT_HOME": home.root.path, "HOME": scratch.path, "NO_COLOR": "1",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        (session.server, session.base) = try await ServeProcess.start(environment: environment)
        session.browser = try await WebDriver(width: 1280, height: 900)
        return "\(count.formatted()) artifacts, each linked to a catalog entry"
    }

    func run() async throws -> Int {
        Int(try await timedRun() * 1_000)
    }

    func timedRun() async throws -> Double {
        guard let browser = session.browser, let base = session.base else { throw BenchError("the web UI suite was not set up") }
        return try await browser.openTimingReady(URL(string: base.absoluteString + path)!) / 1_000
    }
}
