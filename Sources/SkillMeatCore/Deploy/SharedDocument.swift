import Foundation
import SkillMeatPluginAPI

/// A shared configuration file (`.mcp.json`, `settings.json`, `config.toml`, `hooks.json`) being
/// merged into: one interface over the JSON and TOML text editors, so the deploy and undeploy code
/// does not care which format a profile uses.
struct SharedDocument {
    enum Storage {
        case json(JSONTextEditor)
        case toml(TOMLTableEditor)
    }

    private(set) var storage: Storage
    /// Whether the file was absent before this operation.
    let isNew: Bool

    /// Reads `data` (nil: the file does not exist yet).
    init(_ data: Data?, format: SharedFileFormat, path: String) throws(SkillMeatError) {
        isNew = data == nil
        switch format {
        case .json:
            let editor = JSONTextEditor(data ?? Data("{}\n".utf8), path: path)
            _ = try editor.root()
            storage = .json(editor)
        case .toml:
            let editor = try TOMLTableEditor(data ?? Data(), path: path)
            _ = try editor.document()
            storage = .toml(editor)
        }
    }

    var data: Data {
        switch storage {
        case .json(let editor): editor.data
        case .toml(let editor): editor.data
        }
    }

    func value(at keyPath: [String]) throws(SkillMeatError) -> JSONValue? {
        switch storage {
        case .json(let editor): try editor.value(at: keyPath)
        case .toml(let editor): try editor.value(at: keyPath)
        }
    }

    /// The hashes of the elements of the list at `keyPath`.
    func elementHashes(at keyPath: [String]) throws(SkillMeatError) -> [String] {
        (try value(at: keyPath)?.arrayValue ?? []).map { ContentHash.of($0.canonicalData()) }
    }

    /// Applies one planned entry; returns the containers it had to create.
    mutating func apply(_ merge: PlannedMerge) throws(SkillMeatError) -> [[String]] {
        switch (storage, merge.operation) {
        case (.json(var editor), .set):
            let created = try editor.set(merge.keyPath, to: merge.value)
            storage = .json(editor)
            return created
        case (.json(var editor), .append):
            let created = try editor.append(merge.value, to: merge.keyPath)
            storage = .json(editor)
            return created
        case (.toml(var editor), .set):
            try editor.set(merge.keyPath, to: merge.value)
            storage = .toml(editor)
            return []
        case (.toml, .append):
            throw .invalidArgument("Appending to a list in TOML (\(merge.file)) is not supported.")
        }
    }

    /// Removes an entry SkillMeat added, if it still has the recorded hash (or any value with
    /// `force`). Returns whether it was removed.
    mutating func remove(_ entry: MergedEntry, force: Bool) throws(SkillMeatError) -> Bool {
        switch entry.operation {
        case .set:
            guard let current = try value(at: entry.keyPath) else { return true }
            guard force || ContentHash.of(current.canonicalData()) == entry.valueHash else { return false }
            switch storage {
            case .json(var editor):
                try editor.removeMember(entry.keyPath)
                storage = .json(editor)
                return true
            case .toml(var editor):
                let removed = try editor.removeTable(entry.keyPath)
                storage = .toml(editor)
                return removed
            }
        case .append:
            guard case .json(var editor) = storage else { return false }
            let removed = try editor.removeElement(at: entry.keyPath, hash: entry.valueHash)
            storage = .json(editor)
            return removed
        }
    }

    /// Removes the container at `keyPath` when it is empty; returns whether it did.
    mutating func pruneIfEmpty(_ keyPath: [String]) throws(SkillMeatError) -> Bool {
        guard case .json(var editor) = storage, try editor.isEmptyContainer(keyPath) else { return false }
        try editor.removeMember(keyPath)
        storage = .json(editor)
        return true
    }

    /// Whether nothing is left in the document.
    func isEmpty() throws(SkillMeatError) -> Bool {
        switch storage {
        case .json(let editor): try editor.isEmptyContainer([])
        case .toml(let editor): try editor.isEmpty()
        }
    }
}
