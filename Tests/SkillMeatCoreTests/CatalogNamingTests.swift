import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatStore
import Testing

@Suite struct CatalogNamingTests {
    /// `type name path [status]` → a catalog entry of source `s` whose id is its path and name.
    static func entry(_ spec: String) -> CatalogEntryRecord {
        let parts = spec.split(separator: " ").map(String.init)
        return CatalogEntryRecord(
            id: parts[2] + "#" + parts[1], sourceID: "s", type: ArtifactType(rawValue: parts[0])!, name: parts[1], path: parts[2], upstreamURL: nil, detectedSHA: nil,
            contentHash: parts[2], confidence: 90, reasons: [], status: parts.count > 3 ? CatalogStatus(rawValue: parts[3])! : .new,
            excludedReason: parts.count > 3 && parts[3] == "excluded" ? "by the user" : nil, firstSeen: Date(timeIntervalSince1970: 0), lastSeen: Date(timeIntervalSince1970: 0)
        )
    }

    @Test("import names of a source's entries", arguments: [
        // A name no other entry of its type shares is kept.
        (["command help commands/help.md", "skill help skills/help"], ["help", "help"]),
        // Same-named commands of two plugins: the plugin folder, Claude Code's `plugin:command` spelling.
        (["command help plugins/alpha/commands/help.md", "command help plugins/beta/commands/help.md"], ["alpha:help", "beta:help"]),
        // Skills (and every other type) join with a hyphen, which keeps them valid skill names.
        (["skill review plugins/alpha/skills/review", "skill review plugins/beta/skills/review"], ["alpha-review", "beta-review"]),
        // Hooks files named after the plugin: the platform folder tells them apart, the plain one keeps the name.
        (["hook tools .cursor/hooks.json", "hook tools hooks/hooks.json"], ["cursor-tools", "tools"]),
        // A project's own command and a plugin's.
        (["command help commands/help.md", "command help plugins/alpha/commands/help.md"], ["help", "alpha:help"]),
        // Nothing in the paths tells them apart: path order decides who keeps the name.
        (["mcp_server db .mcp.json", "mcp_server db mcp.json"], ["db", "db-2"]),
        // The same distinguishing folder under different component folders.
        (["command help commands/a/help.md", "command help prompts/a/help.md"], ["a:help", "a:help-2"]),
        // A made-up name never takes the name of another entry.
        (["skill review plugins/alpha/skills/review", "skill review plugins/beta/skills/review", "skill alpha-review skills/alpha-review"],
         ["alpha-review-2", "beta-review", "alpha-review"]),
        // Excluded entries claim no name; they are shown the name they would take on joining.
        (["command help plugins/alpha/commands/help.md", "command help plugins/beta/commands/help.md excluded"], ["help", "beta:help"]),
        // Names the collection would refuse are spelled validly first, then told apart like any other.
        (["skill zoho_books skills/zoho_books", "mcp_server @scope/server packages/server", "skill zoho-books skills/zoho-books"],
         ["zoho-books-2", "scope-server", "zoho-books"]),
        // Folders with characters a name cannot hold are spelled as a name.
        (["agent reviewer My_Plugin/agents/reviewer.md", "agent reviewer other/agents/reviewer.md"], ["my-plugin-reviewer", "other-reviewer"]),
    ])
    func names(specs: [String], expected: [String]) {
        let entries = specs.map(Self.entry)
        let names = CatalogNaming.importNames(of: entries)
        #expect(entries.map { names[$0.id] ?? "?" } == expected)
    }

    @Test("names do not depend on the order entries are listed in")
    func orderIndependent() {
        let entries = [
            "command help plugins/beta/commands/help.md", "command help plugins/alpha/commands/help.md", "command help commands/help.md",
            "command help plugins/alpha/extra/commands/help.md",
        ].map(Self.entry)
        let forward = CatalogNaming.importNames(of: entries)
        let backward = CatalogNaming.importNames(of: entries.reversed())
        #expect(forward == backward)
        #expect(Set(forward.values).count == entries.count)
    }

    @Test("an entry the user named is imported under that name, and an entry detected with that name moves aside")
    func userNames() {
        var named = Self.entry("skill pdf skills/pdf")
        named.userName = "docs"
        let entries = [named, Self.entry("skill docs skills/docs"), Self.entry("command docs commands/docs.md")]
        let names = CatalogNaming.importNames(of: entries)
        #expect(entries.map { names[$0.id] ?? "?" } == ["docs", "docs-2", "docs"])
    }
}
