public import Foundation
public import SkillMeatPluginAPI
import Logging

extension PluginContext {
    /// A context for building a plugin in a test: a logger that drops everything, and a home folder
    /// (a fresh temporary one unless given).
    public static func testing(
        _ id: PluginID,
        settings: PluginSettings = PluginSettings(),
        home: URL? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> PluginContext {
        let home = home ?? FileManager.default.temporaryDirectory.appending(path: "skillmeat-test-\(UUID().uuidString)", directoryHint: .isDirectory)
        return PluginContext(
            id: id,
            settings: settings,
            logger: Logger(label: "skillmeat.test", factory: { _ in SwiftLogNoOpLogHandler() }),
            homeDirectory: home,
            environment: environment
        )
    }
}
