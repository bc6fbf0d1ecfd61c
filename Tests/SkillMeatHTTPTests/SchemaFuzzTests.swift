import Foundation
import HTTPTypes
import HummingbirdTesting
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

/// A schema-driven fuzzer of our own (as schemathesis does from an OpenAPI document): it walks every
/// operation of the document the server serves and sends each one valid and invalid requests — path
/// parameters that name nothing or try to climb out, query values of the wrong type, bodies with
/// fields missing, of the wrong type, huge, `null`, unknown, or no JSON at all — to the in-process
/// server. No answer may be a 5xx; every answer must fit the document (`send` holds each one to
/// `OpenAPIValidator`: a declared status, a body that fits its schema, errors in the error shape).
@Suite(.timeLimit(.minutes(10))) struct SchemaFuzzTests {
    @Test("every operation, given valid and hostile requests, answers without a 5xx and as its document says")
    func fuzzEveryOperation() async throws {
        let repository = try FakeGitHubRepository(owner: "acme", name: "tools", files: APITestWorld.sourceFiles)
        try await FakeGitHub.withServer([repository]) { github in
            let world = try await APITestWorld(environment: ["SKILLMEAT_GITHUB_API_URL": github.apiURL.absoluteString])
            let project = try TemporaryDirectory(prefix: "skillmeat-fuzz-project")
            defer { world.remove(); project.remove() }
            try await world.test { client in
                let values = try await Self.knownValues(client, world: world, project: project)
                let document = try OpenAPIValidator.shared.document
                var sent = 0
                var statuses: [Int: Int] = [:]
                // Reads first, then changes, deletions last, so every operation meets a home that has things in it.
                let order = ["get": 0, "post": 1, "patch": 2, "put": 2, "delete": 3]
                let operations = (document["paths"]?.objectValue ?? [:]).flatMap { path, item in
                    (item.objectValue ?? [:]).compactMap { method, operation in order[method].map { (path, method, operation, $0) } }
                }.sorted { ($0.3, $0.0, $0.1) < ($1.3, $1.0, $1.1) }
                for (template, method, operation, _) in operations {
                    let generator = RequestGenerator(document: document, values: values)
                    for request in generator.requests(template: template, operation: operation) {
                        let response = try await client.send(
                            HTTPRequest.Method(rawValue: method.uppercased())!, request.uri, body: request.body,
                            headers: request.body == nil ? [:] : [.contentType: "application/json"]
                        )
                        sent += 1
                        statuses[Int(response.status.code), default: 0] += 1
                        #expect(response.status.code < 500, "\(method.uppercased()) \(request.uri) \(request.body?.prefix(300) ?? "") → \(response.status.code): \(response.text.prefix(300))")
                        if response.status.code >= 400 {
                            #expect(response.detail?.isEmpty == false, "\(method.uppercased()) \(request.uri) → \(response.status.code) without a detail: \(response.text.prefix(300))")
                        }
                    }
                }
                #expect(sent > 400, "only \(sent) requests were sent")
                print("schema fuzz: \(sent) requests over \(operations.count) operations; statuses \(statuses.sorted { $0.key < $1.key })")
            }
        }
    }

    /// Found by the fuzzer: `{"url": "/"}` (or `"."`, resolved against the server's working directory)
    /// was taken as a local folder and scanned — the whole machine, or whatever the server ran in.
    @Test("a source over HTTP is never /, a system folder, empty, or a path relative to the server", arguments: ["/", "/etc", "/proc/self", "", " ", ".", "Tests"])
    func localFolderRefused(url: String) async throws {
        try await APITestWorld.withClient { _, client in
            let response = try await client.send(.post, "/api/v1/marketplace/sources", json: ["url": url])
            #expect(response.status == .badRequest, "\(url.debugDescription): \(response.status.code) \(response.text.prefix(200))")
            let sources = try await client.send(.get, "/api/v1/marketplace/sources")
            #expect((sources.object["items"] as? [Any])?.isEmpty == true, "\(url.debugDescription) was saved")
        }
    }

    /// Real ids of the world, so valid requests reach the code behind the lookups.
    static func knownValues(_ client: any TestClientProtocol, world: APITestWorld, project: TemporaryDirectory) async throws -> [String: String] {
        let sourceID = try await client.addSourceAndImport(world)
        let catalog = try await client.send(.get, "/api/v1/marketplace/sources/\(sourceID)/artifacts")
        let entry = ((catalog.object["entries"] as? [[String: Any]])?.first?["id"] as? String) ?? "none"
        let registered = try await client.send(.post, "/api/v1/projects", json: ["path": project.url.path])
        let projectID = (registered.object["id"] as? String) ?? project.url.path
        return [
            "id": sourceID, "source_id": sourceID, "entry": entry, "entry_id": entry, "artifact": "skill:pdf", "collection": "default",
            "project": projectID, "project_id": projectID, "project_path": project.url.path, "path": project.url.path, "url": world.source.url.path,
            "name": "pdf", "names": "pdf", "file": "SKILL.md", "entry_ids": entry, "source_ids": sourceID, "profile": "claude_code", "profiles": "claude_code",
        ]
    }
}

/// Requests for one operation, generated from its parameters and body schema.
struct RequestGenerator {
    let document: JSONValue
    let values: [String: String]

    struct Request {
        var uri: String
        var body: String?
    }

    /// Path parameter values that name nothing, try to leave their place, or are odd in size or bytes.
    static let oddSegments = ["nonexistent", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", String(repeating: "a", count: 5_000), "%00", "%C3%A9%E2%80%AE", "skill:"]
    /// Values for a string field or query that a handler must refuse or take without harm.
    static let oddStrings = ["", "../../../../etc/passwd", "/", String(repeating: "x", count: 20_000), "\u{0}é\u{202E}"]

    func requests(template: String, operation: JSONValue) -> [Request] {
        let parameters = (operation["parameters"]?.arrayValue ?? []).map(resolved)
        let pathNames = parameters.filter { $0["in"]?.stringValue == "path" }.compactMap { $0["name"]?.stringValue }
        let queries = parameters.filter { $0["in"]?.stringValue == "query" }
        let bodySchema = operation["requestBody"].map(resolved)?["content"]?["application/json"]?["schema"]
        var uris: [String] = [uri(template, pathNames.map { (name: $0, value: values[pathValueKey($0, template)] ?? "x") }, query: [])]
        for name in pathNames {
            for odd in Self.oddSegments {
                uris.append(uri(template, pathNames.map { (name: $0, value: $0 == name ? odd : values[pathValueKey($0, template)] ?? "x") }, query: []))
            }
        }
        var requests: [Request] = []
        let base = uris[0]
        // Query parameters: each valid, of the wrong type, out of range, and odd.
        for query in queries {
            guard let name = query["name"]?.stringValue else { continue }
            let schema = query["schema"].map(resolved) ?? .object([:])
            for value in [valid(schema, name: name).queryText] + invalidQueryValues(schema) {
                requests.append(Request(uri: base + (base.contains("?") ? "&" : "?") + name + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value), body: nil))
            }
        }
        guard let bodySchema else { return uris.map { Request(uri: $0, body: nil) } + requests }
        let body = valid(bodySchema, name: nil)
        requests += uris.map { Request(uri: $0, body: body.jsonText) }
        for invalid in invalidBodies(bodySchema) { requests.append(Request(uri: base, body: invalid)) }
        return requests
    }

    /// The value key for a path parameter: `{id}` of a source route is a source id, of an artifact route an artifact id, and so on.
    func pathValueKey(_ name: String, _ template: String) -> String {
        if name == "path" { return "file" }
        guard name == "id" else { return name }
        if template.contains("/marketplace/sources/") { return "id" }
        if template.contains("/artifacts/") { return "artifact" }
        if template.contains("/user-collections/") { return "collection" }
        if template.contains("/projects/") { return "project" }
        return "id"
    }

    func uri(_ template: String, _ parameters: [(name: String, value: String)], query: [String]) -> String {
        var uri = template
        for (name, value) in parameters {
            let encoded = value.contains("%") ? value : (value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? value)
            uri = uri.replacingOccurrences(of: "{\(name)}", with: encoded)
        }
        return uri
    }

    func resolved(_ value: JSONValue) -> JSONValue {
        guard let reference = value["$ref"]?.stringValue, reference.hasPrefix("#/") else { return value }
        var node: JSONValue? = document
        for part in reference.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node.map(resolved) ?? .null
    }

    func types(_ schema: JSONValue) -> [String] {
        let types = schema["type"]
        return types?.arrayValue?.compactMap(\.stringValue) ?? types?.stringValue.map { [$0] } ?? []
    }

    /// A value that fits `schema`, using the world's real values for fields it knows.
    func valid(_ schema: JSONValue, name: String?) -> JSONValue {
        let schema = resolved(schema)
        if let first = schema["oneOf"]?.arrayValue?.first { return valid(first, name: name) }
        if let first = schema["enum"]?.arrayValue?.first { return first }
        let type = types(schema).first { $0 != "null" } ?? (schema["properties"] != nil ? "object" : "string")
        switch type {
        case "integer", "number": return .int(max(1, schema["minimum"]?.intValue ?? 1))
        case "boolean": return .bool(false)
        case "array": return .array([valid(schema["items"] ?? .object([:]), name: name)])
        case "object":
            var object: [String: JSONValue] = [:]
            let properties = schema["properties"]?.objectValue ?? [:]
            let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            for (key, property) in properties where required.contains(key) || values[key] != nil {
                object[key] = valid(property, name: key)
            }
            return .object(object)
        default: return .string(name.flatMap { values[$0] } ?? "x")
        }
    }

    func invalidQueryValues(_ schema: JSONValue) -> [String] {
        var odd = ["abc", "-1", "99999999999999999999", String(repeating: "q", count: 10_000)]
        if schema["enum"] != nil { odd.append("not-a-choice") }
        return odd
    }

    /// Bodies that break the schema one way at a time.
    func invalidBodies(_ schema: JSONValue) -> [String] {
        let schema = resolved(schema)
        var bodies = ["{", "[]", "\"text\"", "null", "1", "{}", "{\"unknown_field\": 1}", String(repeating: "[", count: 10_000)]
        guard case .object(var whole) = valid(schema, name: nil) else { return bodies }
        let properties = schema["properties"]?.objectValue ?? [:]
        for (key, property) in properties.sorted(by: { $0.key < $1.key }) {
            let wrongs: [JSONValue]
            switch types(resolved(property)).first(where: { $0 != "null" }) ?? "string" {
            case "string": wrongs = [.int(12_345), .object([:])] + Self.oddStrings.map(JSONValue.string)
            case "integer", "number": wrongs = [.string("1"), .int(-1), .int(Int.max), .double(1e300)]
            case "boolean": wrongs = [.string("yes"), .int(1)]
            case "array": wrongs = [.string("x"), .array([.null, .int(1), .object([:])]), .array(Array(repeating: .string("x"), count: 2_000))]
            default: wrongs = [.array([.int(1)]), .string("x"), .object(["nested": .object(["deeper": .null])])]
            }
            for wrong in wrongs + [.null] {
                var changed = whole
                changed[key] = wrong
                bodies.append(JSONValue.object(changed).jsonText)
            }
            if whole[key] != nil {
                var missing = whole
                missing[key] = nil
                bodies.append(JSONValue.object(missing).jsonText)
            }
        }
        whole["unknown_field"] = .string("x")
        bodies.append(JSONValue.object(whole).jsonText)
        return bodies
    }
}

extension JSONValue {
    /// The value as JSON text.
    var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// The value as a query string value.
    var queryText: String {
        switch self {
        case .string(let text): text
        case .int(let number): String(number)
        case .bool(let flag): String(flag)
        default: jsonText
        }
    }
}
