public import Foundation
import SkillMeatPluginAPI
#if canImport(Glibc)
import Glibc
#endif

/// A W3C WebDriver client for a headless Chromium driven by `chromedriver`, for the web UI's browser
/// tests and its page-ready benchmark. Only what those need: navigate, find, click, type, read,
/// run a script, take a screenshot.
public final class WebDriver: @unchecked Sendable {
    /// A driver command that failed: the driver's error code and message.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Where Debian's `chromium` and `chromium-driver` put them; nil when either is missing.
    public static var installed: (browser: String, driver: String)? {
        let browsers = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        let drivers = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        guard let browser = browsers.first(where: FileManager.default.isExecutableFile(atPath:)),
              let driver = drivers.first(where: FileManager.default.isExecutableFile(atPath:))
        else { return nil }
        return (browser, driver)
    }

    let driver: ChildProcess
    let base: URL
    let session: String
    let profile: TemporaryDirectory

    /// Starts `chromedriver` on a free port and a headless browser session of `width`×`height`,
    /// in dark mode when `dark`.
    public init(width: Int = 1280, height: Int = 900, dark: Bool = false) async throws {
        guard let installed = Self.installed else { throw Failure(description: "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)") }
        profile = try TemporaryDirectory(prefix: "skillmeat-chromium")
        var started: (ChildProcess, URL)?
        var problems: [String] = []
        for _ in 0..<5 where started == nil {
            let port = Int.random(in: 20_000..<60_000)
            let process = try ChildProcess.start(URL(fileURLWithPath: installed.driver), ["--port=\(port)"])
            let url = URL(string: "http://127.0.0.1:\(port)")!
            switch await Self.waitUntilReady(url, process: process) {
            case nil: started = (process, url)
            case let problem?:
                problems.append(problem)
                process.terminate()
            }
        }
        guard let (process, url) = started else { throw Failure(description: "chromedriver did not start: \(problems.joined(separator: "; "))") }
        driver = process
        base = url
        var arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-extensions", "--window-size=\(width),\(height)", "--user-data-dir=\(profile.url.path)",
        ]
        if dark { arguments += ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"] }
        var options: [String: Any] = ["binary": installed.browser, "args": arguments]
        // Headless windows are at least 500 px wide; a phone's width needs device emulation.
        if width < 500 {
            options["mobileEmulation"] = ["deviceMetrics": ["width": width, "height": height, "pixelRatio": 2]]
        }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome", "pageLoadStrategy": "normal", "goog:chromeOptions": options,
        ]]]
        do {
            let created = try await Self.send("POST", base.appending(path: "session"), capabilities)
            guard let id = (created as? [String: Any])?["sessionId"] as? String else { throw Failure(description: "no session id in \(created)") }
            session = id
        } catch {
            process.terminate()
            throw error
        }
    }

    /// Ends the session and the driver.
    public func quit() async {
        _ = try? await command("DELETE", "")
        // chromedriver may outlive SIGTERM while it tears its browsers down; the session is closed.
        driver.terminate(SIGKILL)
        await driver.waitForExit()
        try? FileManager.default.removeItem(at: profile.url)
    }

    /// Nil once the driver at `url` is ready, else why it is not.
    static func waitUntilReady(_ url: URL, process: ChildProcess) async -> String? {
        var last = "no answer"
        for _ in 0..<100 {
            if let ended = process.termination { return "chromedriver exited with \(ended)" }
            do {
                let status = try await send("GET", url.appending(path: "status"), nil) as? [String: Any]
                if status?["ready"] as? Bool == true { return nil }
                last = "not ready: \(String(describing: status))"
            } catch {
                last = "\(error)"
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return last
    }

    /// Sends one command; returns the `value` of the answer.
    static func send(_ method: String, _ url: URL, _ body: Any?) async throws -> Any {
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        let started = ContinuousClock.now
        let (_, data) = try await LoopbackHTTP.send(port: url.port ?? 80, method: method, path: url.path, body: payload)
        // SKILLMEAT_WEBDRIVER_LOG=1 shows each command and its time, for a test that hangs or crawls.
        if ProcessInfo.processInfo.environment["SKILLMEAT_WEBDRIVER_LOG"] != nil {
            FileHandle.standardError.write(Data("webdriver \(method) \(url.path) \(ContinuousClock.now - started) \(String(decoding: data.prefix(160), as: UTF8.self))\n".utf8))
        }
        let decoded = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any] ?? [:]
        let value = decoded["value"] ?? NSNull()
        if let error = value as? [String: Any], let code = error["error"] as? String {
            throw Failure(description: "\(code): \(error["message"] as? String ?? "")")
        }
        return value
    }

    @discardableResult
    func command(_ method: String, _ path: String, _ body: Any? = nil) async throws -> Any {
        var url = base.appending(path: "session/\(session)")
        if !path.isEmpty { url = url.appending(path: path) }
        return try await Self.send(method, url, body ?? (method == "POST" ? [String: Any]() : nil))
    }

    // MARK: - What tests do

    public func open(_ url: URL) async throws {
        try await command("POST", "url", ["url": url.absoluteString])
    }

    /// The ids of the elements matching `css`, in document order.
    public func findAll(_ css: String) async throws -> [String] {
        let found = try await command("POST", "elements", ["using": "css selector", "value": css]) as? [[String: Any]] ?? []
        return found.compactMap { $0.values.first as? String }
    }

    /// The first element matching `css`, waiting up to `timeout` for it to appear.
    public func find(_ css: String, timeout: Duration = .seconds(10)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let first = try await findAll(css).first { return first }
            if ContinuousClock.now > deadline { throw Failure(description: "no element matches '\(css)' after \(timeout)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Waits until `script` (a function body returning a value) returns something truthy; returns it.
    @discardableResult
    public func wait(until script: String, timeout: Duration = .seconds(10), _ what: String, arguments: [Any] = []) async throws -> Any {
        let deadline = ContinuousClock.now + timeout
        while true {
            let value = try await execute(script, arguments)
            if let flag = value as? Bool { if flag { return flag } } else if !(value is NSNull) { return value }
            if ContinuousClock.now > deadline { throw Failure(description: "timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    public func click(_ element: String) async throws {
        try await command("POST", "element/\(element)/click")
    }

    /// Clicks the first element matching `css` once it exists.
    public func click(css: String) async throws {
        try await click(try await find(css))
    }

    public func type(_ text: String, into element: String) async throws {
        try await command("POST", "element/\(element)/value", ["text": text])
    }

    public func clear(_ element: String) async throws {
        try await command("POST", "element/\(element)/clear")
    }

    /// Presses keys on whatever has focus (`"\u{E00C}"` is Escape, `"\u{E004}"` Tab).
    public func press(_ keys: String) async throws {
        let actions = keys.unicodeScalars.flatMap { key -> [[String: Any]] in
            [["type": "keyDown", "value": String(key)], ["type": "keyUp", "value": String(key)]]
        }
        try await command("POST", "actions", ["actions": [["type": "key", "id": "keyboard", "actions": actions]]])
        try await command("DELETE", "actions")
    }

    public func text(_ element: String) async throws -> String {
        try await command("GET", "element/\(element)/text") as? String ?? ""
    }

    public func attribute(_ name: String, of element: String) async throws -> String? {
        try await command("GET", "element/\(element)/attribute/\(name)") as? String
    }

    /// Runs `script` (a function body; `arguments[i]` are `arguments`) in the page; returns its value.
    @discardableResult
    public func execute(_ script: String, _ arguments: [Any] = []) async throws -> Any {
        try await command("POST", "execute/sync", ["script": script, "args": arguments])
    }

    /// Runs `script` (a function body whose last argument is the callback to call with its result) in the
    /// page and waits for the callback; returns what it was given.
    @discardableResult
    public func executeAsync(_ script: String, _ arguments: [Any] = []) async throws -> Any {
        try await command("POST", "execute/async", ["script": script, "args": arguments])
    }

    /// The web UI's own sign that a page is drawn: the app set `data-ready` and no loading state is left.
    public static let pageReady = "document.documentElement.dataset.ready !== undefined && !document.querySelector('main .loading')"

    /// Opens `url` and returns how long after navigation began the app had drawn the page, in
    /// milliseconds of the page's clock: the app's `skillmeat:ready` mark when the page is already
    /// drawn, else the moment a DOM change makes it so. No polling delay is counted.
    public func openTimingReady(_ url: URL, timeoutMilliseconds: Int = 20_000) async throws -> Double {
        try await open(url)
        let value = try await executeAsync("""
            const done = arguments[arguments.length - 1];
            const ready = () => \(Self.pageReady);
            if (ready()) { const marks = performance.getEntriesByName('skillmeat:ready'); done(marks.length ? marks[marks.length - 1].startTime : performance.now()); return; }
            const observer = new MutationObserver(() => { if (ready()) { observer.disconnect(); done(performance.now()); } });
            observer.observe(document, { subtree: true, childList: true, attributes: true });
            setTimeout(() => { observer.disconnect(); done(null); }, arguments[0]);
            """, [timeoutMilliseconds])
        guard let milliseconds = value as? Double else { throw Failure(description: "\(url.path) was not ready within \(timeoutMilliseconds) ms") }
        return milliseconds
    }

    /// The page as PNG.
    public func screenshot() async throws -> Data {
        guard let base64 = try await command("GET", "screenshot") as? String, let data = Data(base64Encoded: base64) else {
            throw Failure(description: "the screenshot was not base64")
        }
        return data
    }

    /// Whether a browser dialog (alert, confirm) is open; such a dialog would mean a page script ran.
    public func alertText() async -> String? {
        try? await command("GET", "alert/text") as? String
    }
}
