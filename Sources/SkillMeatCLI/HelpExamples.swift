import ArgumentParser

extension CommandConfiguration {
    /// The configuration with an EXAMPLES section after its discussion: command lines a person can copy,
    /// each optionally followed by `#` and what it does.
    func examples(_ lines: String...) -> CommandConfiguration {
        var copy = self
        let section = "EXAMPLES:\n" + lines.map { "  " + $0 }.joined(separator: "\n")
        copy.discussion = discussion.isEmpty ? section : discussion + "\n\n" + section
        return copy
    }
}
