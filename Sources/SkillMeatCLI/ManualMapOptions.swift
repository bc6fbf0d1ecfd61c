import ArgumentParser
import SkillMeatCore

/// `--map PATH=TYPE`, on the commands that take a manual map (scan, source add, source update).
struct ManualMapOptions: ParsableArguments {
    @Option(
        name: .customLong("map"), help: "PATH=TYPE: take PATH as an artifact of TYPE, whatever detection says (repeatable).",
        transform: ManualMap.Entry.parseArgument
    )
    var entries: [ManualMap.Entry] = []

    /// The map the options give (empty when none).
    var map: ManualMap { ManualMap(entries) }
}

extension ManualMap.Entry {
    /// Reads `PATH=TYPE` (the last `=` splits, so a path may hold one).
    static func parseArgument(_ text: String) throws -> ManualMap.Entry {
        guard let equals = text.lastIndex(of: "=") else {
            throw ValidationError("'\(text)' is not PATH=TYPE, e.g. tools/deploy.md=command.")
        }
        do {
            return try ManualMap.Entry(path: String(text[..<equals]), type: String(text[text.index(after: equals)...]))
        } catch {
            throw ValidationError(error.description)
        }
    }
}
