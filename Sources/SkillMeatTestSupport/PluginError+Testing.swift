public import Foundation
public import SkillMeatPluginAPI

extension PluginError {
    /// When a rate-limit error says the limit resets, and its message; nil for any other error. Tests
    /// `#require` it instead of matching the case themselves.
    public var rateLimit: (resetsAt: Date?, message: String)? {
        guard case .rateLimited(let resetsAt, let message) = self else { return nil }
        return (resetsAt, message)
    }
}
