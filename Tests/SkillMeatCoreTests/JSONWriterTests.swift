import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatStore
import Testing

@Suite struct JSONWriterTests {
    /// Drops nulls, which the hand-written form prints and the synthesized `Encodable` form omits.
    static func withoutNulls(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object): .object(object.filter { $0.value != .null }.mapValues(withoutNulls))
        case .array(let items): .array(items.map(withoutNulls))
        default: value
        }
    }

    @Test("ArtifactSummary writes the same JSON by hand as through Encodable")
    func artifactSummaryMatchesEncodable() throws {
        let row = CachedArtifact(
            collection: "default", type: .skill, name: "pdf \"quoted\"\n", path: "skills/pdf",
            title: "T", description: "Tab\there, back\\slash, control \u{01}", upstream: "https://x/y",
            origin: "marketplace", originSource: "github", versionSpec: nil, tags: ["a", "b,c"], author: "Ada",
            license: "MIT", tools: ["Read"], version: "1", resolvedSHA: "abc", resolvedVersion: nil,
            contentHash: "h", importID: "i", added: "2026", lastUpdated: nil, syncedAt: Date(timeIntervalSince1970: 0),
            deploymentsJSON: #"[{"project_path":"/p","profile":"codex"}]"#
        )
        let link = ArtifactSourceLink(sourceID: "acme-tools", entryID: "e1")
        for summary in [ArtifactSummary(row), ArtifactSummary(row, links: ["default/skill:\(row.name)": link])] {
            var writer = JSONWriter()
            summary.writeJSON(to: &writer)
            let handWritten = try JSONValue.parse(writer.data)
            let encoded = try JSONValue.parse(try JSONEncoder().encode(summary))
            #expect(Self.withoutNulls(handWritten) == Self.withoutNulls(encoded))
            guard case .object(let object) = handWritten else { throw CancellationError() }
            #expect(object.keys.sorted() == object.keys.sorted { $0 < $1 })
        }
    }

    @Test("values of every kind round-trip, pretty or compact", arguments: [true, false])
    func roundTrip(pretty: Bool) throws {
        let value: JSONValue = .object([
            "empty_object": .object([:]), "empty_array": .array([]), "n": .int(-3), "d": .double(1.5),
            "s": .string("é\u{1F600}\"\\/"), "nested": .array([.object(["a": .null, "b": .bool(true)])]),
        ])
        var writer = JSONWriter(pretty: pretty)
        writer.write(value)
        #expect(try JSONValue.parse(writer.data) == value)
    }
}
