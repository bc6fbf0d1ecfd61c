import Foundation
import SkillMeatPluginAPI
import SkillMeatStore

/// How typed record fields are kept in SQLite columns: dates as `Timestamp` text (so text order is
/// time order), types and statuses as their raw names, lists and maps as sorted JSON.
enum SQLiteColumns {
    static func text(_ date: Date?) -> String? {
        date.map(Timestamp.string)
    }

    static func date(_ text: String?) -> Date {
        // Rows are written by `text(_:)`; an unreadable one sorts first rather than failing a read.
        text.flatMap(Timestamp.date) ?? Date(timeIntervalSince1970: 0)
    }

    static func optionalDate(_ text: String?) -> Date? {
        text.flatMap(Timestamp.date)
    }

    static func type(_ text: String) -> ArtifactType {
        // Every row is written from an `ArtifactType`; older spellings are read leniently.
        ArtifactType(parsing: text) ?? .skill
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
