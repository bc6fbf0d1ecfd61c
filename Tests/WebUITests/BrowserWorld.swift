import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

/// One browser test's world: a fake GitHub, a home made by the real `skillmeat init`, the real
/// `skillmeat serve` over it, and a headless Chromium driven over WebDriver.
final class BrowserWorld: @unchecked Sendable {
    /// Whether the suite runs: Chromium and its driver are installed, or CI insists (then a missing
    /// browser fails the suite instead of skipping it).
    static var enabled: Bool { WebDriver.installed != nil || ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Where screenshots go: `.build/web-ui-screenshots/` (the README names it).
    static var screenshots: URL {
        var folder = BuiltProduct.directory
        while folder.lastPathComponent != ".build", folder.path != "/" { folder.deleteLastPathComponent() }
        return folder.appending(path: "web-ui-screenshots")
    }

    let github: FakeGitHub
    let home: TemporaryDirectory
    let projects: TemporaryDirectory
    let server: ChildProcess
    let base: URL
    let browser: WebDriver
    let environment: [String: String]

    private init(github: FakeGitHub, home: TemporaryDirectory, projects: TemporaryDirectory, server: ChildProcess, base: URL, browser: WebDriver, environment: [String: String]) {
        (self.github, self.home, self.projects, self.server, self.base, self.browser, self.environment) = (github, home, projects, server, base, browser, environment)
    }

    /// Runs `body` in a new world over `repositories`; `token` starts the server with one.
    static func with(
        _ repositories: [FakeGitHubRepository], token: String? = nil, width: Int = 1280, dark: Bool = false,
        _ body: (BrowserWorld) async throws -> Void
    ) async throws {
        try await FakeGitHub.withServer(repositories) { github in
            let home = try TemporaryDirectory(prefix: "skillmeat-web-home")
            let projects = try TemporaryDirectory(prefix: "skillmeat-web-projects")
            defer { home.remove(); projects.remove() }
            let environment = [
                "SKILLMEAT_HOME": home.url.appending(path: "skillmeat").path, "HOME": home.url.path,
                "SKILLMEAT_GITHUB_API_URL": github.apiURL.absoluteString, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                "NO_COLOR": "1",
            ]
            try run(["init"], environment)
            if let token { try run(["config", "set", "server.token", token], environment) }
            let (server, base) = try await ServeProcess.start(environment: environment)
            defer { server.terminate(); server.waitUntilExit() }
            let browser = try await WebDriver(width: width, height: 900, dark: dark)
            let world = BrowserWorld(github: github, home: home, projects: projects, server: server, base: base, browser: browser, environment: environment)
            do {
                try await body(world)
            } catch {
                try? await world.screenshot("failure-\(UUID().uuidString.prefix(8))")
                await browser.quit()
                throw error
            }
            await browser.quit()
        }
    }

    /// Runs the `skillmeat` binary to completion; its output, failing on a non-zero exit.
    @discardableResult
    static func run(_ arguments: [String], _ environment: [String: String]) throws -> String {
        let result = try ExternalProgram.runBlocking(BuiltProduct.executable("skillmeat"), arguments, environment: environment)
        let text = String(decoding: result.standardOutput, as: UTF8.self)
        guard result.status == 0 else {
            throw WebDriver.Failure(description: "skillmeat \(arguments.joined(separator: " ")) failed: \(text)\(result.standardError)")
        }
        return text
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> String { try Self.run(arguments, environment) }

    // MARK: - Driving the UI

    /// Opens a page by its path and waits until the app says it has drawn it.
    func open(_ path: String) async throws {
        try await browser.open(URL(string: base.absoluteString + path)!)
        try await waitReady()
    }

    /// Waits until the page (after a navigation inside the app) is drawn.
    func waitReady() async throws {
        try await browser.wait(until: "return \(WebDriver.pageReady)", "the page to be ready")
    }

    /// Clicks the first element matching `css` whose text contains `text`.
    func click(_ css: String, text: String) async throws {
        let found = try await browser.wait(until: """
            const match = [...document.querySelectorAll(arguments[0])].find((e) => e.textContent.includes(arguments[1]) && e.offsetParent !== null && !e.disabled);
            if (!match) return null;
            match.scrollIntoView({block: 'center'});
            return match;
            """, "'\(text)' in \(css)", arguments: [css, text])
        guard let element = (found as? [String: Any])?.values.first as? String else { throw WebDriver.Failure(description: "no element for '\(text)'") }
        try await browser.click(element)
    }

    /// The visible text of the first element matching `css`, once it exists.
    func text(_ css: String) async throws -> String {
        try await browser.text(try await browser.find(css))
    }

    /// Waits until the text of an element matching `css` contains `text`.
    func waitForText(_ css: String, _ text: String, timeout: Duration = .seconds(15)) async throws {
        try await browser.wait(until: "return [...document.querySelectorAll(arguments[0])].some((e) => e.textContent.includes(arguments[1]));", timeout: timeout, "'\(text)' in \(css)", arguments: [css, text])
    }

    /// Saves a screenshot as `<name>.png` in `screenshots`.
    func screenshot(_ name: String) async throws {
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        try await browser.screenshot().write(to: Self.screenshots.appending(path: "\(name).png"))
    }

    /// What the API says, read outside the browser (the token when given).
    func api(_ path: String, token: String? = nil) async throws -> Any {
        var request = URLRequest(url: URL(string: base.absoluteString + "/api/v1" + path)!)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, _) = try await URLSession.shared.data(for: request)
        return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }
}
