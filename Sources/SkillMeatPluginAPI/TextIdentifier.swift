/// An identifier that every file and document writes as one string (`type:name`, `kind/name`):
/// one decoding and encoding serve every such identifier.
public protocol TextIdentifier: Codable, CustomStringConvertible {
    /// Parses the written form; nil when `text` is not one.
    init?(parsing text: String)
    /// What the written form is, for the error a malformed value gets (`type:name artifact id`).
    static var writtenForm: String { get }
}

extension TextIdentifier {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let id = Self(parsing: raw) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(raw)' is not a \(Self.writtenForm)")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
