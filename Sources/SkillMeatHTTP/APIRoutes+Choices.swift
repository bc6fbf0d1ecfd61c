import Hummingbird
import SkillMeatCore

extension APIRoutes {
    /// A closed option set's value from a body or query field: nil when absent; a value outside the
    /// set is a 400 that lists the valid ones (the same enums the core and the CLI use).
    static func choice<Choice: RawRepresentable & CaseIterable>(_ text: String?, field: String) throws -> Choice? where Choice.RawValue == String {
        guard let text else { return nil }
        guard let value = Choice(rawValue: text) else {
            throw APIError(
                status: .badRequest,
                detail: "'\(text)' is not a valid \(field); use one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
        return value
    }
}
