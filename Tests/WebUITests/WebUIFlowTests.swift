import Foundation
import SkillMeatTestSupport
import Testing

/// The seeds' flows end to end in a real browser against the real `skillmeat serve` and a local fake
/// GitHub. One browser at a time: the machines have two cores.
@Suite("Web UI in the browser", .serialized, .enabled(if: BrowserWorld.enabled), .timeLimit(.minutes(5)))
struct WebUIFlowTests {
    static func toolsRepository() throws -> FakeGitHubRepository {
        try FakeGitHubRepository(owner: "acme", name: "tools", files: [
            "README.md": "# Tools\n",
            "skills/pdf-tools/SKILL.md": "---\nname: pdf-tools\ndescription: Fill and merge PDF forms\nlicense: MIT\n---\n# PDF tools\n\nUse pdftk.\n",
            "skills/pdf-tools/reference.md": "# Reference\n",
            "skills/pdf-tools/scripts/fill.py": "print('fill')\n",
            "commands/review.md": "---\ndescription: Review the current diff\n---\nReview $ARGUMENTS\n",
            "agents/helper.md": "---\nname: helper\ndescription: Helps with chores\n---\nYou help.\n",
        ])
    }

    /// Entries of the only source, by name: (source id, [name: entry]).
    static func catalog(_ world: BrowserWorld, token: String? = nil) async throws -> (String, [String: [String: Any]]) {
        let listing = try #require(try await world.api("/marketplace/sources", token: token) as? [String: Any])
        let sources = try #require(listing["items"] as? [[String: Any]])
        let id = try #require(sources.first?["id"] as? String)
        let page = try #require(try await world.api("/marketplace/sources/\(id)/artifacts?page_size=500&include_excluded=true", token: token) as? [String: Any])
        let entries = (page["entries"] as? [[String: Any]] ?? []).map { ($0["name"] as? String ?? "", $0) }
        return (id, Dictionary(entries, uniquingKeysWith: { first, _ in first }))
    }

    @Test("add a source, open an entry, import, delete, import again, deploy, force re-import keeping deployments, rename")
    func seedFlow() async throws {
        try await BrowserWorld.with([try Self.toolsRepository()]) { world in
            let ui = world.browser
            try await world.open("/marketplace/sources")
            try await world.waitForText("main", "No sources yet")
            try await world.screenshot("sources-empty")

            // Add: the URL is read back through infer-url before anything is saved.
            try await world.click("button", text: "Add source")
            try await ui.type("acme/tools", into: try await ui.find("input[name=url]"))
            try await world.click("button", text: "Check")
            try await world.waitForText("dl.inferred", "github")
            try await world.screenshot("source-add")
            try await world.click("button[type=submit]", text: "Add and scan")
            try await world.waitForText("table.sources", "3")
            let (sourceID, entries) = try await Self.catalog(world)
            let pdf = try #require(entries["pdf-tools"]?["id"] as? String)

            // The catalog, the entry modal: first .md selected, its frontmatter as a table.
            try await world.click("table.sources a", text: "")
            try await world.waitForText("table.catalog", "pdf-tools")
            try await world.screenshot("source")
            try await world.click("a.entry-link", text: "pdf-tools")
            try await world.waitForText(".tree button[aria-selected=true]", "SKILL.md")
            try await world.waitForText("table.frontmatter", "Fill and merge PDF forms")
            #expect(try await world.text("pre.file-content").contains("Use pdftk."))
            try await world.screenshot("entry-modal")
            // Keyboard: Tab stays inside the dialog.
            for _ in 0..<12 { try await ui.press("\u{E004}") }
            #expect(try await ui.execute("return !!document.activeElement.closest('.dialog')") as? Bool == true)

            // Import from the modal: the button gives way to the Imported badge.
            try await world.click(".entry-modal .entry-head button", text: "Import")
            try await world.waitForText(".entry-modal .entry-head", "Imported")
            #expect(try await ui.execute("return document.querySelector('.entry-modal .entry-head button.primary').disabled") as? Bool == true)
            try await ui.press("\u{E00C}")
            try await ui.wait(until: "return !document.querySelector('.entry-modal')", "the modal to close on Escape")

            // Delete on /collection: the entry is New again.
            try await world.open("/collection")
            try await world.waitForText("table.artifacts", "pdf-tools")
            try await world.screenshot("collection")
            try await world.click("table.artifacts a", text: "pdf-tools")
            try await world.waitReady()
            try await world.waitForText("main h1", "pdf-tools")
            try await world.screenshot("artifact")
            try await world.click("button", text: "Remove")
            try await world.click(".dialog button.danger", text: "Remove")
            try await world.waitForText("main h1", "Collection")
            #expect(try await Self.catalog(world).1["pdf-tools"]?["status"] as? String == "new")
            try await world.open("/marketplace/sources/\(sourceID)")
            try await world.waitForText("table.catalog", "pdf-tools")

            // Import again, deploy into a project through the deploy dialog (plan first).
            try await world.open("/marketplace/sources/\(sourceID)?entry=\(pdf)")
            try await world.click(".entry-modal .entry-head button", text: "Import")
            try await world.waitForText(".entry-modal .entry-head", "Imported")
            try await ui.press("\u{E00C}")
            let project = world.projects.url.appending(path: "app")
            try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
            try await world.open("/collection/skill:pdf-tools")
            try await world.click("button", text: "Deploy")
            try await ui.type(project.path, into: try await ui.find(".dialog input[type=text]"))
            try await world.click(".dialog button", text: "Show plan")
            try await world.waitForText(".dialog .plan", ".claude/skills/pdf-tools/SKILL.md")
            try await world.screenshot("deploy-plan")
            try await world.click(".dialog button.primary", text: "Deploy")
            try await ui.wait(until: "return !document.querySelector('.dialog')", "the deploy dialog to close")
            #expect(FileManager.default.fileExists(atPath: project.appending(path: ".claude/skills/pdf-tools/SKILL.md").path))

            // Force Re-import, keeping deployments (off by default).
            try await world.open("/marketplace/sources/\(sourceID)?status=imported&entry=\(pdf)")
            try await world.click(".entry-modal .kebab", text: "")
            try await world.click(".menu button", text: "Force Re-import")
            try await world.waitForText(".dialog-title", "Force Re-import Artifact")
            let keep = try await ui.find("input[name=keep_deployments]")
            #expect(try await ui.execute("return arguments[0].checked", [["element-6066-11e4-a52e-4f735466cecf": keep]]) as? Bool == false)
            try await world.screenshot("force-reimport")
            try await ui.click(keep)
            try await world.click(".dialog button.primary", text: "Re-import")
            try await world.waitForText("#toasts", "")
            try await world.open("/manage")
            try await world.waitForText("table.deployments", "pdf-tools")
            try await world.screenshot("manage")
            try await world.open("/projects")
            try await world.waitForText("table.projects", project.lastPathComponent)
            try await world.screenshot("projects")
            try await world.open("/")
            try await world.screenshot("dashboard")

            // Rename an entry with the pencil.
            let review = try #require(entries["review"]?["id"] as? String)
            try await world.open("/marketplace/sources/\(sourceID)?entry=\(review)")
            try await world.click(".entry-modal button.pencil", text: "")
            let name = try await ui.find(".dialog input[aria-label=Name]")
            try await ui.clear(name)
            try await ui.type("code-review", into: name)
            try await world.click(".dialog button[type=submit]", text: "Save")
            try await world.waitForText(".entry-modal .dialog-title", "code-review")
            #expect(try await Self.catalog(world).1["code-review"]?["id"] as? String == review)
            #expect(await ui.alertText() == nil)
        }
    }

    @Test("names, descriptions and files carrying <script>, onerror= and javascript: stay text")
    func hostileRepositoryStaysText() async throws {
        let payload = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>"
        let repository = try FakeGitHubRepository(owner: "evil", name: "payloads", files: [
            "skills/trap/SKILL.md": "---\nname: trap\ndescription: '\(payload)'\nhomepage: javascript:window.__xss=3\n---\n\(payload)\n[click](javascript:window.__xss=4)\n",
            "skills/trap/<svg onload=window.__xss=5>.md": "\(payload)\n",
            "commands/<img src=x onerror=window.__xss=6>.md": "---\ndescription: \(payload)\n---\nx\n",
        ])
        try await BrowserWorld.with([repository]) { world in
            let ui = world.browser
            try world.run(["source", "add", "evil/payloads", "--name", "evil"])
            let (sourceID, entries) = try await Self.catalog(world)
            try await world.open("/marketplace/sources/\(sourceID)")
            try await world.waitForText("table.catalog", "trap")
            #expect(try await world.text("table.catalog").contains("<script>"))
            let trap = try #require(entries["trap"]?["id"] as? String)
            try await world.open("/marketplace/sources/\(sourceID)?entry=\(trap)")
            try await world.waitForText("pre.file-content", "<script>")
            try await world.click(".tree button", text: "<svg")
            try await world.waitForText("pre.file-content", "onerror")
            try world.run(["import", "--source", "evil", "--all", "--min-confidence", "0"])
            try await world.open("/collection")
            try await world.waitForText("table.artifacts", "<script>")
            try await world.open("/collection/skill:trap")
            try await world.waitForText("pre.file-content", "<script>")
            try await world.screenshot("hostile-content")
            #expect(try await ui.execute("return window.__xss === undefined") as? Bool == true)
            #expect(try await ui.execute("return document.querySelectorAll('main script, main img, main svg, main [onerror]').length") as? Int == 0)
            #expect(try await ui.execute("return [...document.querySelectorAll('a[href]')].every((a) => !a.href.startsWith('javascript:'))") as? Bool == true)
            #expect(await ui.alertText() == nil)
        }
    }

    @Test("a server with a token asks for it once and then shows the page")
    func tokenPrompt() async throws {
        try await BrowserWorld.with([try Self.toolsRepository()], token: "open-sesame") { world in
            let ui = world.browser
            try await ui.open(URL(string: world.base.absoluteString + "/collection")!)
            try await world.waitForText(".dialog-title", "This server needs a token")
            try await world.screenshot("token-prompt")
            try await ui.type("open-sesame", into: try await ui.find(".dialog input[name=token]"))
            try await world.click(".dialog button[type=submit]", text: "Use token")
            try await world.waitForText("main h1", "Collection: default")
            try await world.open("/marketplace/sources")
            try await world.waitForText("main", "No sources yet")
            #expect(try await ui.execute("return !!document.querySelector('.dialog')") as? Bool == false)
        }
    }

    @Test("a rate-limited host shows what happened, with Retry and the link to the host")
    func rateLimitShowsRetry() async throws {
        try await BrowserWorld.with([try Self.toolsRepository()]) { world in
            try world.run(["source", "add", "acme/tools", "--name", "tools"])
            let (sourceID, entries) = try await Self.catalog(world)
            let pdf = try #require(entries["pdf-tools"]?["id"] as? String)
            world.github.setRateLimit(remaining: 0, resetAt: Date().addingTimeInterval(3600))
            try world.run(["cache", "rebuild"])
            try await world.open("/marketplace/sources/\(sourceID)")
            try await world.click("button", text: "Rescan")
            try await world.waitForText("#toasts", "rate limit")
            try await world.open("/marketplace/sources/\(sourceID)?entry=\(pdf)")
            try await world.waitForText(".entry-modal .error-rate-limit", "rate limit")
            try await world.screenshot("rate-limited")
            _ = try await world.browser.find(".entry-modal .error-rate-limit button.retry")
            let fallback = try await world.browser.find(".entry-modal .error-rate-limit a.button")
            #expect(try await world.browser.text(fallback) == "View on GitHub")
            // Once the limit resets, Retry shows the file.
            world.github.resetRateLimit()
            try await world.click(".entry-modal .error-rate-limit button.retry", text: "Retry")
            try await world.waitForText(".entry-modal .tree button[aria-selected=true]", "SKILL.md")
        }
    }

    @Test("every page fits 390 px without sideways scrolling, in light and in dark")
    func narrowAndDark() async throws {
        for dark in [false, true] {
            try await BrowserWorld.with([try Self.toolsRepository()], width: 390, dark: dark) { world in
                try world.run(["source", "add", "acme/tools", "--name", "tools"])
                try world.run(["import", "--source", "tools", "--all"])
                let (sourceID, _) = try await Self.catalog(world)
                for (name, path) in [("dashboard", "/"), ("collection", "/collection"), ("manage", "/manage"), ("sources", "/marketplace/sources"), ("source", "/marketplace/sources/\(sourceID)?status=imported"), ("projects", "/projects")] {
                    try await world.open(path)
                    try await world.screenshot("\(name)-390\(dark ? "-dark" : "")")
                    let widths = try await world.browser.execute("return [document.documentElement.scrollWidth, window.innerWidth]") as? [Int] ?? []
                    #expect(widths.count == 2 && widths[1] == 390, "the window is \(widths) px wide")
                    #expect(widths.count == 2 && widths[0] <= widths[1], "\(path) is \(widths.first ?? 0) px wide at 390 px")
                }
                if dark {
                    let background = try await world.browser.execute("return getComputedStyle(document.body).backgroundColor") as? String ?? ""
                    #expect(background != "rgb(247, 247, 248)", "dark mode kept the light background")
                }
            }
        }
    }
}

extension BrowserWorld {
    /// Waits until one of `selectors` matches.
    func wait(forAny selectors: [String]) async throws {
        try await browser.wait(until: "return arguments[0].some((s) => !!document.querySelector(s));", timeout: .seconds(20), "one of \(selectors)", arguments: [selectors])
    }
}
