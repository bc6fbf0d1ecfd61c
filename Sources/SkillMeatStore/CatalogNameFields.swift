public import SkillMeatPluginAPI

/// The fields of a catalog entry that decide the name it is imported under (`CatalogNaming`), read
/// without its other columns: naming looks at every entry of a source, and a catalog page of 50
/// should not decode the files, metadata and reasons of 10,000.
public struct CatalogNameFields: Sendable, Hashable {
    public var id: String
    public var type: ArtifactType
    public var name: String
    public var path: String
    public var status: CatalogStatus
    public var userName: String?

    public init(id: String, type: ArtifactType, name: String, path: String, status: CatalogStatus, userName: String?) {
        (self.id, self.type, self.name, self.path, self.status, self.userName) = (id, type, name, path, status, userName)
    }
}

extension CatalogEntryRecord {
    /// The fields that decide this entry's import name.
    public var nameFields: CatalogNameFields {
        CatalogNameFields(id: id, type: type, name: name, path: path, status: status, userName: userName)
    }
}
