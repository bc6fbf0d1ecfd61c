import ArgumentParser

/// Reads the command line the way people type it before argument-parser sees it: global options given
/// before the subcommand (`skillmeat -q --home /tmp/h list`) move behind it, and a mistyped subcommand
/// is a usage error that suggests the nearest one ("did you mean 'list'?").
enum GlobalArguments {
    /// A subcommand that does not exist, with the nearest existing ones.
    struct UnknownSubcommand: Error {
        var word: String
        var path: [String]
        var suggestions: [String]

        var message: String {
            let command = (["skillmeat"] + path).joined(separator: " ")
            var text = "'\(word)' is not a \(command) command."
            if let first = suggestions.first {
                text += " Did you mean '\(first)'?"
            }
            return text + " '\(command) --help' lists them."
        }
    }

    /// `arguments` with the global options that come before the last subcommand moved after it.
    static func normalized(_ arguments: [String]) throws -> [String] {
        var command: any ParsableCommand.Type = RootCommand.self
        var path: [String] = []
        var globals: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if let taken = globalOption(at: index, in: arguments) {
                globals += arguments[index..<(index + taken)]
                index += taken
                continue
            }
            let subcommands = command.configuration.subcommands
            guard !word.hasPrefix("-"), !subcommands.isEmpty else { break }
            if let next = subcommands.first(where: { name(of: $0) == word || $0.configuration.aliases.contains(word) }) {
                command = next
                path.append(word)
                index += 1
                continue
            }
            // `help` is argument-parser's own; a default subcommand takes what follows as its arguments.
            if word == "help" { break }
            let names = subcommands.map(name(of:))
            let nearest = suggestions(for: word, among: names)
            // A group with a default subcommand hands it the word, unless the default cannot take it either
            // (`snapshot lists` is a snapshot's message; `catalog exlude` is a typo).
            if let fallback = command.configuration.defaultSubcommand {
                if !nearest.isEmpty, (try? fallback.parseAsRoot([word])) == nil {
                    throw UnknownSubcommand(word: word, path: path, suggestions: nearest)
                }
                break
            }
            throw UnknownSubcommand(word: word, path: path, suggestions: nearest)
        }
        guard !globals.isEmpty else { return arguments }
        var rest = Array(arguments[index...])
        let terminator = rest.firstIndex(of: "--") ?? rest.endIndex
        rest.insert(contentsOf: globals, at: terminator)
        return path + rest
    }

    /// How many words the global option at `index` takes (1 for a flag, 2 for an option and its value),
    /// or nil when the word there is not a global option.
    static func globalOption(at index: Int, in arguments: [String]) -> Int? {
        let word = arguments[index]
        if GlobalOptions.flags.contains(word) { return 1 }
        if GlobalOptions.optionsWithValue.contains(where: { word.hasPrefix($0 + "=") }) { return 1 }
        if GlobalOptions.optionsWithValue.contains(word) { return index + 1 < arguments.count ? 2 : 1 }
        if word.count > 2, word.hasPrefix("-"), !word.hasPrefix("--"), word.dropFirst().allSatisfy(GlobalOptions.bundledLetters.contains) { return 1 }
        return nil
    }

    static func name(of command: any ParsableCommand.Type) -> String {
        command.configuration.commandName ?? command._commandName
    }

    /// The names within a small edit distance of `word` (at most 2, and less than half its length),
    /// nearest first; names that start with `word` count as near too.
    static func suggestions(for word: String, among names: [String]) -> [String] {
        let limit = min(2, max(1, word.count / 2))
        let scored = names.compactMap { name -> (String, Int)? in
            let distance = editDistance(word.lowercased(), name)
            if distance <= limit { return (name, distance) }
            if word.count >= 3, name.hasPrefix(word.lowercased()) { return (name, limit) }
            return nil
        }
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
    }

    /// Damerau–Levenshtein distance (optimal string alignment): insertions, deletions, substitutions
    /// and swaps of two neighbouring characters each cost 1.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
