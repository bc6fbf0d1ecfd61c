import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry
import SkillMeatStore

/// `skillmeat catalog …`
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Browse what the sources hold: list, show, rename, exclude, restore. An entry is named by its id, a unique id prefix, or SOURCE:PATH.",
        subcommands: [CatalogListCommand.self, CatalogShowCommand.self, CatalogRenameCommand.self, CatalogExcludeCommand.self, CatalogRestoreCommand.self],
        defaultSubcommand: CatalogListCommand.self
    ).examples(
        "skillmeat catalog",
        "skillmeat catalog show 3fa1c2",
        "skillmeat catalog exclude 3fa1c2 --reason duplicate"
    )
}

struct CatalogListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List catalog entries with counts by status and type.").examples(
        "skillmeat catalog list",
        "skillmeat catalog list --source skills --status new --type skill",
        "skillmeat catalog list --min-confidence 80 --sort confidence --limit 20",
        "skillmeat catalog list --json"
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this source.", completion: Completions.sources) var source: String?
    @Option(help: "Only this status (repeatable).") var status: [CatalogStatus] = []
    @Option(help: "Only this type.") var type: ArtifactType?
    @Option(help: "Only entries at least this confident (0–100).") var minConfidence: Int?
    @Option(help: "Only entries whose name, path or description contain this text.") var search: String?
    @Flag(help: "Include excluded entries.") var includeExcluded = false
    @Option(help: "The order: most confident first, by name, or newest first.") var sort: CatalogQuery.Sort = .name
    @Option(help: "At most this many entries.") var limit: Int?
    @Option(help: "Start after this entry id (the next_cursor of the previous page).") var cursor: String?
    @Flag(help: "Print the entries and counts as JSON.") var json = false

    func validate() throws {
        if let minConfidence, !(0...100).contains(minConfidence) { throw ValidationError("--min-confidence is 0 to 100.") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
    }

    func run() async throws {
        let marketplace = try SourceCommand.marketplace(try global.runtime())
        var sourceID: String?
        if let source { sourceID = try await marketplace.requireSource(source).id }
        let page = try await marketplace.catalogPage(CatalogQuery(
            sourceID: sourceID, statuses: Set(status), type: type, minConfidence: minConfidence, search: search,
            includeExcluded: includeExcluded, sort: sort, limit: limit, after: cursor
        ))
        if json {
            try Output.json(page)
            return
        }
        let outputs = page.entries
        let counts = page.counts
        if outputs.isEmpty {
            Output.line("No catalog entries match.")
        } else {
            Output.table(["ID", "STATUS", "TYPE", "NAME", "IMPORTS AS", "CONF", "SOURCE:PATH"], outputs.map {
                [String($0.entry.id.prefix(10)), $0.entry.status.rawValue, $0.entry.type.rawValue, $0.entry.name, $0.importName, String($0.entry.confidence), "\($0.entry.sourceID):\($0.entry.path)"]
            })
        }
        Output.line("By status: " + counts.byStatus.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        Output.line("By type: " + counts.byType.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
}

struct CatalogShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a catalog entry: its files, frontmatter, status and why it was detected.").examples(
        "skillmeat catalog show 3fa1c2",
        "skillmeat catalog show skills:skills/pdf --json"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "An entry id, unique id prefix, or SOURCE:PATH.") var entry: String
    @Flag(help: "Print it as JSON.") var json = false

    struct ShowOutput: Encodable {
        var entry: CatalogEntryOutput
        var frontmatter: JSONValue?
        var declaration: JSONValue?
    }

    func run() async throws {
        let marketplace = try SourceCommand.marketplace(try global.runtime())
        let record = try await marketplace.entry(entry)
        let output = try await marketplace.output(record)
        let frontmatter: JSONValue? = {
            var fields: [String: JSONValue] = [:]
            if let description = record.metadata.description { fields["description"] = .string(description) }
            if let author = record.metadata.author { fields["author"] = .string(author) }
            if let license = record.metadata.license { fields["license"] = .string(license) }
            if let version = record.metadata.version { fields["version"] = .string(version) }
            if !record.metadata.tools.isEmpty { fields["tools"] = .array(record.metadata.tools.map { .string($0) }) }
            return fields.isEmpty ? nil : .object(fields)
        }()
        if json {
            try Output.json(ShowOutput(entry: output, frontmatter: frontmatter, declaration: record.declaration))
            return
        }
        Output.line(Output.emphasis("\(record.type):\(record.name)") + " (\(record.id))")
        let fields: [(String, String?)] = [
            ("status", record.status.rawValue + (record.excludedReason.map { " (\($0))" } ?? "")), ("imports as", output.importName),
            ("source", record.sourceID), ("path", record.path),
            ("upstream", record.upstreamURL), ("description", record.description), ("confidence", String(record.confidence)),
            ("content hash", record.contentHash), ("import", record.importID.map { "\($0) on \(record.importDate.map(Timestamp.string) ?? "?")" }),
            ("duplicates", record.duplicates.isEmpty ? nil : record.duplicates.joined(separator: ", ")),
        ]
        for (label, value) in fields {
            if let value { Output.line("  \(label.padding(toLength: 13, withPad: " ", startingAt: 0)) \(value)") }
        }
        Output.line("  reasons")
        for reason in record.reasons { Output.line("    \(reason)") }
        if let frontmatter { Output.line("  frontmatter   \(frontmatter.description)") }
        if let declaration = record.declaration { Output.line("  declaration   \(declaration.description)") }
        Output.line("  files         \(record.files.count)")
        for file in record.files.prefix(50) { Output.line("    \(file)") }
    }
}

struct CatalogRenameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename", abstract: "Give a catalog entry the name it is imported under; rescans keep it."
    ).examples(
        "skillmeat catalog rename skills:skills/pdf pdf-tools",
        "skillmeat catalog rename 3fa1c2 pdf-tools --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "An entry id, unique id prefix, or SOURCE:PATH.") var entry: String
    @Argument(help: "The new name (the rules of an artifact name of its type).") var name: String
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false
    @Flag(help: "Print the entry as JSON.") var json = false

    func run() async throws {
        let marketplace = try SourceCommand.marketplace(try global.runtime())
        let record = try await marketplace.rename(entry, to: name, dryRun: dryRun)
        if json { try Output.json(try await marketplace.output(record)) } else if dryRun {
            Output.line("Would rename \(record.type):\(record.name) to '\(record.displayName)' (\(record.id)); nothing was written.")
        } else { Output.line("Renamed \(record.type):\(record.name) to '\(record.displayName)' (\(record.id)).") }
    }
}

struct CatalogExcludeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exclude", abstract: "Hide a catalog entry, with a reason.").examples(
        "skillmeat catalog exclude 3fa1c2 --reason \"not for us\"",
        "skillmeat catalog exclude 3fa1c2 --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "An entry id, unique id prefix, or SOURCE:PATH.") var entry: String
    @Option(help: "Why it is hidden.") var reason: String?
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false
    @Flag(help: "Print the entry as JSON.") var json = false

    func run() async throws {
        let marketplace = try SourceCommand.marketplace(try global.runtime())
        let record = try await marketplace.exclude(entry, reason: reason, dryRun: dryRun)
        if json { try Output.json(try await marketplace.output(record)) } else if dryRun {
            Output.line("Would exclude \(record.type):\(record.name) (\(record.id)); nothing was written.")
        } else { Output.line("Excluded \(record.type):\(record.name) (\(record.id)).") }
    }
}

struct CatalogRestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Bring an excluded entry back (imported if it was imported, else new).").examples(
        "skillmeat catalog restore 3fa1c2",
        "skillmeat catalog restore 3fa1c2 --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "An entry id, unique id prefix, or SOURCE:PATH.") var entry: String
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false
    @Flag(help: "Print the entry as JSON.") var json = false

    func run() async throws {
        let marketplace = try SourceCommand.marketplace(try global.runtime())
        let record = try await marketplace.restore(entry, dryRun: dryRun)
        if json { try Output.json(try await marketplace.output(record)) } else if dryRun {
            Output.line("Would restore \(record.type):\(record.name) as \(record.status); nothing was written.")
        } else { Output.line("Restored \(record.type):\(record.name) as \(record.status).") }
    }
}
