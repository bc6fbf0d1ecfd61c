public import Foundation
public import SkillMeatPluginAPI
public import SkillMeatStore
public import Testing

/// The store contract as one suite of checks written against the protocols only: every query,
/// filter, sort, keyset page (ties and last page included), lifecycle transition and constraint.
/// An implementation's test target runs every check against a fresh, empty backend of its own:
///
///     @Test(arguments: StoreContract.checks)
///     func contract(_ check: StoreContract.Check) async throws {
///         try await check.run { try MyBackend.openEmpty() }
///     }
public enum StoreContract {
    /// One named check of the contract.
    public struct Check: Sendable, CustomStringConvertible {
        public let description: String
        let body: @Sendable (any StoreBackend) async throws -> Void

        init(_ description: String, _ body: @escaping @Sendable (any StoreBackend) async throws -> Void) {
            self.description = description
            self.body = body
        }

        /// Runs the check against a fresh, empty backend made by `makeBackend`.
        public func run(_ makeBackend: () async throws -> any StoreBackend) async throws {
            try await body(try await makeBackend())
        }
    }

    /// Every check of the contract.
    public static var checks: [Check] { collectionCacheChecks + sourceChecks + catalogChecks + projectCacheChecks }
}
