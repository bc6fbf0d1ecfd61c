/// A closed set of values named by their raw values (plugin kinds, artifact types, catalog statuses,
/// trust levels, conflict strategies): each prints as its raw value, and `names` lists them all, in
/// order, for messages and schemas.
public protocol NamedCases: RawRepresentable, CaseIterable, CustomStringConvertible where RawValue == String {}

extension NamedCases {
    public var description: String { rawValue }

    /// The canonical names, for messages and schemas.
    public static var names: [String] { allCases.map(\.rawValue) }
}
