/// A store failure, as data: what kind of failure and one sentence for a person. Every store
/// implementation throws these and nothing else, so callers never see a driver's error type.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The store could not be opened, read or written (a missing or corrupt file, a lost connection).
    case unavailable(String)
    /// The store's data is damaged (a corrupt page, a file that is not a database): nothing read from it
    /// can be trusted, and it must be rebuilt.
    case damaged(String)
    /// A write broke a rule the schema guards (a taken key, a catalog status without its import fields).
    case constraint(String)
    /// A page cursor that this store did not hand out, or one made for another sort order.
    case invalidCursor(String)

    public var description: String {
        switch self {
        case .unavailable(let message), .damaged(let message), .constraint(let message): message
        case .invalidCursor(let cursor): "The cursor '\(cursor)' is not one this store returned; start again without it."
        }
    }
}
