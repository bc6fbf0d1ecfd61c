import ConflictStrategies
import Foundation
import Logging
import SkillMeatPluginAPI
import Testing

@Suite struct ConflictStrategyTests {
    static let context = PluginContext(id: "conflict_strategy/test", logger: Logger(label: "test"), homeDirectory: URL(fileURLWithPath: "/tmp"))

    static func conflict(_ name: String, _ taken: Set<String>, limit: Int? = nil) -> NameConflict {
        NameConflict(type: .skill, requestedName: name, takenNames: taken, maxNameLength: limit)
    }

    @Test("every strategy proceeds when the name is free", arguments: ["skip", "overwrite", "rename"])
    func freeName(strategy: String) throws {
        let decision = try Self.make(strategy).decide(Self.conflict("pdf", ["docx"]))
        #expect(decision == .proceed(name: "pdf"))
    }

    @Test("decisions on a taken name", arguments: [
        ("skip", "pdf", Set(["pdf"]), nil, ConflictDecision.skip(existingName: "pdf")),
        ("overwrite", "pdf", ["pdf"], nil, .overwrite(name: "pdf")),
        ("rename", "pdf", ["pdf"], nil, .rename(to: "pdf-1")),
        ("rename", "pdf", ["pdf", "pdf-1", "pdf-2"], nil, .rename(to: "pdf-3")),
        ("rename", "pdf", ["pdf", "pdf-2"], nil, .rename(to: "pdf-1")),
        ("rename", "pdf-1", ["pdf-1"], nil, .rename(to: "pdf-1-1")),
        ("rename", String(repeating: "a", count: 64), [String(repeating: "a", count: 64)], 64, .rename(to: String(repeating: "a", count: 62) + "-1")),
        ("rename", "abc-" + String(repeating: "x", count: 59), ["abc-" + String(repeating: "x", count: 59)], 5, .rename(to: "abc-1")),
    ] as [(String, String, Set<String>, Int?, ConflictDecision)])
    func takenName(strategy: String, name: String, taken: Set<String>, limit: Int?, expected: ConflictDecision) throws {
        #expect(try Self.make(strategy).decide(Self.conflict(name, taken, limit: limit)) == expected)
    }

    @Test("rename gives up cleanly when no name fits the limit")
    func renameUnresolved() throws {
        let decision = try Self.make("rename").decide(Self.conflict("ab", ["ab"], limit: 2))
        guard case .unresolved = decision else {
            Issue.record("expected unresolved, got \(decision)")
            return
        }
        #expect(decision.resultingName == nil)
    }

    static func make(_ name: String) throws -> any ConflictStrategy {
        switch name {
        case "skip": SkipConflictStrategy(context: context)
        case "overwrite": OverwriteConflictStrategy(context: context)
        default: RenameConflictStrategy(context: context)
        }
    }
}
