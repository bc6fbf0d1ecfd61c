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
    /// The import name the store holds for the entry (`CatalogStore.updateImportNames`), nil until
    /// one is stored; not an input of naming, but what a new naming is compared with.
    public var importName: String?

    public init(id: String, type: ArtifactType, name: String, path: String, status: CatalogStatus, userName: String?, importName: String? = nil) {
        (self.id, self.type, self.name, self.path, self.status, self.userName) = (id, type, name, path, status, userName)
        self.importName = importName
    }

    /// Whether `other` is named the same way: an entry whose fields change this way changes the
    /// import names of its source (a rename, a new name or path, leaving or rejoining the live
    /// entries); an import or a reset to new does not.
    public func namesAlike(_ other: CatalogNameFields) -> Bool {
        id == other.id && type == other.type && name == other.name && path == other.path && userName == other.userName
            && status.holdsName == other.status.holdsName
    }
}

extension CatalogEntryRecord {
    /// The fields that decide this entry's import name.
    public var nameFields: CatalogNameFields {
        CatalogNameFields(id: id, type: type, name: name, path: path, status: status, userName: userName)
    }
}
