public import SkillMeatPluginAPI
public import SkillMeatStore

extension ImportService {
    /// What `importEntries` would do, with nothing fetched, staged or written: each entry with the id it
    /// would be imported as, and whether that name is free in the collection (else `strategy` decides:
    /// `would_skip`, `would_overwrite`, `would_rename`).
    public func plan(_ references: [String], of sourceID: String? = nil, strategy: ConflictStrategyName) async throws(SkillMeatError) -> BatchResult {
        try collection.store.requireExists()
        let taken = Set(try collection.store.read().manifest.artifacts.map(\.id))
        var names: [String: [String: String]] = [:]
        let resolved = await resolve(references, of: sourceID)
        var results = resolved.failed
        for entry in resolved.entries {
            do throws(SkillMeatError) {
                if names[entry.sourceID] == nil { names[entry.sourceID] = try await marketplace.importNames(sourceIDs: [entry.sourceID]) }
                let id = ArtifactID(type: entry.type, name: names[entry.sourceID]?[entry.id] ?? entry.name)
                guard taken.contains(id) else {
                    results.append(EntryResult(entryID: entry.id, status: "would_import", artifactID: id.description, message: "would be imported as \(id)"))
                    continue
                }
                let status = switch strategy {
                case .skip: "would_skip"
                case .overwrite: "would_overwrite"
                case .rename: "would_rename"
                }
                results.append(EntryResult(
                    entryID: entry.id, status: status, artifactID: id.description,
                    message: "\(id) is taken in '\(collection.store.name)'; the \(strategy.rawValue) strategy decides"
                ))
            } catch {
                results.append(EntryResult(entryID: entry.id, status: "failed", artifactID: nil, message: error.description))
            }
        }
        return BatchResult(importID: "dry-run", collection: collection.store.name, results: results.sorted { $0.entryID < $1.entryID })
    }

    /// `plan` for what `importAll` would take.
    public func planAll(
        source: String, type: ArtifactType?, minConfidence: Int = DetectionConfidence.importDefault, strategy: ConflictStrategyName
    ) async throws(SkillMeatError) -> BatchResult {
        let sourceID = try await marketplace.requireSource(source).id
        let entries = try await marketplace.catalog(CatalogQuery(sourceID: sourceID, statuses: [.new, .updated], type: type, minConfidence: minConfidence)).items
        return try await plan(entries.map(\.id), strategy: strategy)
    }
}
