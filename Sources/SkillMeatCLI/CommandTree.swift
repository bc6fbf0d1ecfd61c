import ArgumentParser
import Foundation

/// The command tree as data, for the help checks in tests and anything that walks every command.
enum CommandTree {
    struct Node {
        /// The words after `skillmeat` that reach it (empty for the root).
        var path: [String]
        var command: any ParsableCommand.Type
        var isLeaf: Bool { command.configuration.subcommands.isEmpty }
        var isHidden: Bool { !command.configuration.shouldDisplay }

        /// The help page `skillmeat PATH --help` prints.
        var help: String { RootCommand.helpMessage(for: command, columns: 120) }

        /// The command lines of its EXAMPLES section (without their `# comments`).
        var examples: [String] {
            let discussion = command.configuration.discussion
            guard let range = discussion.range(of: "EXAMPLES:\n") else { return [] }
            return discussion[range.upperBound...].split(separator: "\n").map { line in
                let text = line.trimmingCharacters(in: .whitespaces)
                return String(text.split(separator: "#", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
        }
    }

    /// Every command, depth first, the root included.
    static func all() -> [Node] {
        func walk(_ command: any ParsableCommand.Type, _ path: [String]) -> [Node] {
            [Node(path: path, command: command)] + command.configuration.subcommands.flatMap { sub in
                walk(sub, path + [sub.configuration.commandName ?? sub._commandName])
            }
        }
        return walk(RootCommand.self, [])
    }

    /// A command line split into words as a POSIX shell would (single and double quotes, backslashes
    /// inside double quotes); nothing is expanded.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\", open == "\"" {
                    escaped = true
                } else {
                    current.append(character)
                }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// Whether `arguments` (after `skillmeat`) parse as a command line, as `SkillMeatCLI.run` reads it.
    static func parses(_ arguments: [String]) -> Bool {
        command(arguments) != nil
    }

    /// The name of the command `arguments` (after `skillmeat`) run, if they parse.
    static func command(_ arguments: [String]) -> String? {
        (try? RootCommand.parseAsRoot(try GlobalArguments.normalized(arguments))).map { String(describing: type(of: $0)) }
    }

    /// The name of `node`'s command type, as `command(_:)` gives it.
    static func name(_ node: Node) -> String { String(describing: node.command) }
}
