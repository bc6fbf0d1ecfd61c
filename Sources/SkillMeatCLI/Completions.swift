import ArgumentParser
import Foundation
import Logging
import SkillMeatCore
import SkillMeatRegistry

/// Values shell completion offers (`completion: .custom`), read from the home's files at once: what
/// `skillmeat --generate-completion-script bash|zsh|fish` scripts ask the binary for as you type.
enum Completions {
    /// The home of this run: `--home` when already typed, else `$SKILLMEAT_HOME`, else ~/.skillmeat.
    static func home(_ words: [String]) -> SkillMeatHome {
        var environment = CLIContext.current.environment
        if let index = words.firstIndex(of: "--home"), index + 1 < words.count { environment["SKILLMEAT_HOME"] = words[index + 1] }
        return SkillMeatHome.resolve(environment: environment)
    }

    /// The collection a command line names with -c/--collection, else the configured default.
    static func collection(_ words: [String], home: SkillMeatHome) -> String {
        if let index = words.lastIndex(where: { $0 == "-c" || $0 == "--collection" }), index + 1 < words.count { return words[index + 1] }
        let runtime = try? SkillMeatRuntime.load(environment: ["SKILLMEAT_HOME": home.root.path], logger: { _ in .init(label: "completion") })
        return runtime?.configuration.defaultCollection ?? "default"
    }

    static let artifacts = CompletionKind.custom { words, _, prefix in
        let home = home(words)
        return HomeListing(home: home).artifacts(in: collection(words, home: home)).filter { $0.hasPrefix(prefix) }
    }

    static let sources = CompletionKind.custom { words, _, prefix in
        HomeListing(home: home(words)).sources().filter { $0.hasPrefix(prefix) }
    }

    static let collections = CompletionKind.custom { words, _, prefix in
        HomeListing(home: home(words)).collections().filter { $0.hasPrefix(prefix) }
    }

    static let profiles = CompletionKind.custom { words, _, prefix in
        let runtime = try? SkillMeatRuntime.load(environment: ["SKILLMEAT_HOME": home(words).root.path], logger: { _ in .init(label: "completion") })
        return (runtime?.plugins.deployerProfiles ?? []).filter { $0.hasPrefix(prefix) }
    }
}
