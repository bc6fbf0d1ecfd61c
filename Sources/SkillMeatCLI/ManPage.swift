import ArgumentParser
import Foundation
import SkillMeatCore

/// Writes `skillmeat(1)` in roff (man(7) macros) from the command tree itself: every command with its
/// synopsis, description, examples, arguments and options, so the page never drifts from `--help`.
/// The tree is read through argument-parser's description of itself (`_dumpHelp`, the versioned
/// ToolInfo JSON behind `--experimental-dump-help`).
enum ManPage {
    struct Command: Decodable {
        var commandName: String
        var abstract: String?
        var discussion: String?
        var shouldDisplay: Bool?
        var subcommands: [Command]?
        var arguments: [Argument]?
    }

    struct Argument: Decodable {
        struct Name: Decodable {
            var kind: String
            var name: String
        }
        var kind: String
        var shouldDisplay: Bool?
        var isOptional: Bool?
        var isRepeating: Bool?
        var names: [Name]?
        var valueName: String?
        var defaultValue: String?
        var abstract: String?
    }

    struct Tool: Decodable {
        var command: Command
    }

    /// The whole page, dated `date` (YYYY-MM-DD).
    static func render(date: String) throws -> String {
        let tool = try JSONDecoder().decode(Tool.self, from: Data(RootCommand._dumpHelp().utf8))
        let root = tool.command
        var page = [
            ".TH SKILLMEAT 1 \"\(date)\" \"skillmeat \(SkillMeatVersion.current)\" \"User Commands\"",
            ".SH NAME",
            "skillmeat \\- \(escape(root.abstract ?? ""))",
            ".SH SYNOPSIS",
            ".B skillmeat",
            "[\\fIglobal options\\fR] \\fIcommand\\fR [\\fIoptions\\fR] [\\fIarguments\\fR]",
            ".SH DESCRIPTION",
        ]
        page += paragraphs(root.discussion ?? "")
        page += [".SH COMMANDS"]
        for command in root.subcommands ?? [] where command.shouldDisplay ?? true {
            page += section(command, path: ["skillmeat"])
        }
        page += [
            ".SH ENVIRONMENT",
            ".TP", ".B SKILLMEAT_HOME", "Where SkillMeat keeps its data (default ~/.skillmeat); --home overrides it for one run.",
            ".TP", ".B NO_COLOR", "No colour or bold in output, as --no-color.",
            ".TP", ".B SKILLMEAT_<SECTION>__<KEY>", "Overrides a configuration key, e.g. SKILLMEAT_SERVER__PORT=9000.",
            ".SH EXIT STATUS",
            "0 ok, 1 failure, 2 usage error, 3 conflicts left unresolved, 130/143 interrupted.",
            ".SH FILES",
            ".TP", ".I $SKILLMEAT_HOME/config.toml", "The user configuration.",
            ".TP", ".I $SKILLMEAT_HOME/collections/<name>/collection.toml", "A collection's manifest (with collection.lock beside it).",
            ".TP", ".I $SKILLMEAT_HOME/sources.toml", "The marketplace sources.",
        ]
        return page.joined(separator: "\n") + "\n"
    }

    /// One command (and, below it, its subcommands) as a subsection.
    static func section(_ command: Command, path: [String]) -> [String] {
        let path = path + [command.commandName]
        var lines = [".SS \"\(escape(path.joined(separator: " ")))\""]
        let arguments = (command.arguments ?? []).filter { ($0.shouldDisplay ?? true) && !["help", "version"].contains($0.names?.first?.name ?? "") }
        if command.subcommands?.isEmpty ?? true {
            lines.append(".B \(escape(path.joined(separator: " ")))")
            lines.append(arguments.map(synopsis).joined(separator: " "))
            lines.append(".br")
        }
        lines += paragraphs(command.abstract ?? "")
        lines += paragraphs(command.discussion ?? "")
        for argument in arguments {
            lines += [".TP", usage(argument)]
            var text = argument.abstract ?? ""
            if let value = argument.defaultValue, !value.isEmpty { text += " (default: \(value))" }
            lines.append(escape(text))
        }
        for sub in command.subcommands ?? [] where sub.shouldDisplay ?? true {
            lines += section(sub, path: path)
        }
        return lines
    }

    /// Text as roff paragraphs; an indented line (an example) is kept as it is, without filling.
    static func paragraphs(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var lines = [".PP"]
        var literal = false
        for line in text.components(separatedBy: "\n") {
            if line.isEmpty {
                if literal { lines.append(".fi"); literal = false }
                lines.append(".PP")
            } else if line.hasPrefix("  ") {
                if !literal { lines.append(".nf"); literal = true }
                lines.append(escape(line))
            } else {
                if literal { lines.append(".fi"); literal = false }
                lines.append(escape(line))
            }
        }
        if literal { lines.append(".fi") }
        return lines
    }

    static func usage(_ argument: Argument) -> String {
        let names = (argument.names ?? []).map { name in
            switch name.kind {
            case "short": "-" + name.name
            case "longWithSingleDash": "-" + name.name
            default: "--" + name.name
            }
        }
        let value = argument.valueName.map { "\\fI\(escape($0))\\fR" } ?? ""
        switch argument.kind {
        case "positional": return value.isEmpty ? "\\fIvalue\\fR" : value
        case "flag": return "\\fB" + names.map(escape).joined(separator: "\\fR, \\fB") + "\\fR"
        default: return "\\fB" + names.map(escape).joined(separator: "\\fR, \\fB") + "\\fR " + value
        }
    }

    static func synopsis(_ argument: Argument) -> String {
        var text = argument.kind == "positional" ? usage(argument) : {
            let name = argument.names?.first(where: { $0.kind == "long" }) ?? argument.names?.first
            let flag = name.map { ($0.kind == "short" ? "-" : "--") + $0.name } ?? ""
            return "\\fB\(escape(flag))\\fR" + (argument.kind == "option" ? " \\fI\(escape(argument.valueName ?? "value"))\\fR" : "")
        }()
        if argument.isRepeating ?? false { text += " ..." }
        return (argument.isOptional ?? false) ? "[\(text)]" : text
    }

    /// `text` safe in roff: backslashes and hyphens escaped, no line starting with a control character,
    /// only ASCII.
    static func escape(_ text: String) -> String {
        var escaped = text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
        if escaped.hasPrefix(".") || escaped.hasPrefix("'") { escaped = "\\&" + escaped }
        // Beyond ASCII, characters are named (`\[u2014]`), so any roff reads the page.
        return escaped.unicodeScalars.map { $0.isASCII ? String($0) : "\\[u" + String(format: "%04X", $0.value) + "]" }.joined()
    }
}

/// `skillmeat generate-manpage`: prints the man page (hidden from the command list).
struct GenerateManPageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-manpage",
        abstract: "Print the skillmeat(1) man page in roff, generated from the command tree.",
        shouldDisplay: false
    ).examples(
        "skillmeat generate-manpage > skillmeat.1",
        "skillmeat generate-manpage | man -l -"
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        CLIContext.current.output.write(try ManPage.render(date: formatter.string(from: Date())), to: .standardOutput)
    }
}
