import SkillMeatPluginAPI

/// Which store implementation holds the cache, sources and catalogs: `[store]` in the configuration.
/// The composition root maps the name to an implementation; Core never opens one itself.
public struct StoreSettings: Sendable, Hashable {
    /// The implementation's name (`store.backend`; `sqlite` is the embedded default).
    public var backend: String

    public init(backend: String = "sqlite") {
        self.backend = backend
    }

    /// The `[store]` section of `configuration`.
    public init(configuration: Configuration) {
        self.init(backend: configuration.value(at: ConfigKeyPath(["store", "backend"]))?.stringValue ?? "sqlite")
    }
}
