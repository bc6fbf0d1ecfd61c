public import Foundation
public import SkillMeatPluginAPI

/// `deploy --save`, `undeploy --save` and `adopt --save`: keep `skillmeat.toml` (and its lock) in step
/// with what was deployed by hand, so the next `sync` keeps it.
extension ProjectSync {
    /// Lists `ids` (deployed for `profiles` in `scope`) in the project's manifest, with the source
    /// their collection entries came from and a lock entry for their current collection content.
    public func save(_ ids: [ArtifactID], profiles: [String], scope: DeploymentScope, projectRoot: URL) throws(SkillMeatError) {
        let root = PathSafety.canonical(projectRoot)
        let store = collection.store
        let (collectionManifest, collectionLock) = try store.read()
        let defaults = plugins.defaultProfiles
        do {
            try ProjectManifest.update(in: root, home: store.home) { manifest in
                var lock = try ProjectLock.read(in: root)
                for id in ids {
                    guard let artifact = collectionManifest.artifact(id) else { continue }
                    let pinned = artifact.upstream.flatMap { CatalogIdentity.pinnedUpstream($0, commit: artifact.resolvedSHA, plugins: plugins) }
                    // A folder read as it is (no commit) cannot be fetched on another machine: the collection's copy is used.
                    let fetchable = pinned?.reference.ref != nil ? pinned : nil
                    var entry = manifest.entry(id) ?? ProjectManifest.Entry(
                        id: id, source: fetchable?.reference.location, ref: fetchable == nil ? nil : artifact.resolvedVersion, path: fetchable?.path.string
                    )
                    let inherited = (manifest.profiles ?? defaults).sorted()
                    let chosen = Set(manifest.entry(id).map { manifest.profiles(of: $0, defaults: defaults) } ?? []).union(profiles).sorted()
                    entry.profiles = chosen == inherited ? nil : chosen
                    entry.scope = scope == manifest.scope ? nil : scope
                    manifest.put(entry)
                    let hash = (try? ContentHash.ofItem(at: try store.location(of: artifact))) ?? collectionLock.entries[artifact.lockKey]?.contentHash
                    if let hash {
                        lock.entries[id] = ProjectLock.Entry(
                            id: id, source: entry.source, ref: entry.ref, path: entry.path, commit: artifact.resolvedSHA, upstream: artifact.upstream, contentHash: hash
                        )
                    }
                }
                try lock.write(in: root)
            }
        } catch {
            throw (error as? SkillMeatError) ?? .io(ProjectManifest.url(in: root), error)
        }
    }

    /// Takes `profiles` (every profile when empty) of the artifact called `name` off the project's
    /// manifest; an entry left with no profile is removed, with its lock entry.
    public func unsave(_ name: String, type: ArtifactType?, profiles: [String], projectRoot: URL) throws(SkillMeatError) {
        let root = PathSafety.canonical(projectRoot)
        guard ProjectManifest.exists(in: root) else { return }
        let defaults = plugins.defaultProfiles
        do {
            try ProjectManifest.update(in: root, home: collection.store.home) { manifest in
                var lock = try ProjectLock.read(in: root)
                for entry in manifest.entries where entry.id.name == name && (type == nil || entry.id.type == type) {
                    let remaining = profiles.isEmpty ? [] : manifest.profiles(of: entry, defaults: defaults).filter { !profiles.contains($0) }
                    if remaining.isEmpty {
                        manifest.entries.removeAll { $0.id == entry.id }
                        lock.entries[entry.id] = nil
                    } else {
                        var changed = entry
                        changed.profiles = remaining
                        manifest.put(changed)
                    }
                }
                try lock.write(in: root)
            }
        } catch {
            throw (error as? SkillMeatError) ?? .io(ProjectManifest.url(in: root), error)
        }
    }
}
