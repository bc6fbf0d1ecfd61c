public import ArgumentParser
import SkillMeatStore

// The store's closed sets as command-line values: argument-parser validates them, lists them in
// `--help` and offers them to shell completion, from the enums themselves (never a retyped list).

extension CatalogStatus: ExpressibleByArgument {}
extension TrustLevel: ExpressibleByArgument {}
extension CatalogQuery.Sort: ExpressibleByArgument {}
