public import SkillMeatStore

extension SkillMeatError {
    /// A store failure as the core reports it: a cursor the store did not hand out is the caller's
    /// bad argument; anything else is a database failure.
    public init(_ error: StoreError) {
        switch error {
        case .invalidCursor: self = .invalidArgument(error.description)
        case .unavailable(let message), .constraint(let message): self = .database(message)
        case .damaged(let message): self = .database(message, damaged: true)
        }
    }

    /// Runs store calls, turning their failures into the core's error; a `SkillMeatError` thrown by
    /// the body passes unchanged.
    static func store<T>(_ body: () async throws -> T) async throws(SkillMeatError) -> T {
        do {
            return try await body()
        } catch let error as SkillMeatError {
            throw error
        } catch let error as StoreError {
            throw SkillMeatError(error)
        } catch {
            throw .database("\(error)")
        }
    }
}
