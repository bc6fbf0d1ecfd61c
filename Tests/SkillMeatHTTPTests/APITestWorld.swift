import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SkillMeatCore
import SkillMeatHTTP
import SkillMeatRegistry
import SkillMeatStore
import SkillMeatTestSupport
import Testing

/// A temporary home set up as `skillmeat init` leaves it, a folder of artifacts to use as a local
/// source, and the API over both.
struct APITestWorld {
    static let sourceFiles: [String: String] = [
        "README.md": "# Tools\n",
        "skills/pdf/SKILL.md": "---\nname: pdf\ndescription: Work with PDFs\n---\nBody\n",
        "skills/pdf/reference.md": "Reference\n",
        "skills/xlsx/SKILL.md": "---\nname: xlsx\ndescription: Spreadsheets\n---\n",
        "commands/deploy.md": "---\ndescription: Deploy the app\n---\nDeploy $ARGUMENTS\n",
    ]

    let home: TemporaryDirectory
    let source: TemporaryDirectory
    var environment: [String: String]

    init(files: [String: String] = Self.sourceFiles, environment extra: [String: String] = [:]) async throws {
        home = try TemporaryDirectory(prefix: "skillmeat-http-home")
        source = try TemporaryDirectory(prefix: "skillmeat-http-source")
        for (path, text) in files { _ = try source.write(path, text) }
        environment = ["SKILLMEAT_HOME": home.url.path, "HOME": home.url.path].merging(extra) { $1 }
        let skillMeatHome = SkillMeatHome.resolve(environment: environment)
        _ = try await HomeSetup.initialize(home: skillMeatHome, collectionName: "default") { () throws(SkillMeatError) in
            try StoreBackends.open(StoreSettings(), home: skillMeatHome)
        }
    }

    func remove() {
        home.remove()
        source.remove()
    }

    func runtime() throws -> SkillMeatRuntime {
        try SkillMeatRuntime.load(environment: environment) { _ in
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            return logger
        }
    }

    func application(settings: ServerSettings? = nil) throws -> some ApplicationProtocol {
        Application(router: SkillMeatServer.router(runtime: try runtime(), settings: settings))
    }

    /// Runs `body` with a client of the API.
    func test(settings: ServerSettings? = nil, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await application(settings: settings).test(.router) { client in try await body(client) }
    }

    /// Runs `body` with a new world (the default source files) and a client of its API; the world is
    /// removed afterwards, whatever `body` did.
    static func withClient(_ body: @Sendable (APITestWorld, any TestClientProtocol) async throws -> Void) async throws {
        let world = try await APITestWorld()
        defer { world.remove() }
        try await world.test { client in try await body(world, client) }
    }

    /// `withClient` with a temporary folder beside the world (a project, a place outside the source),
    /// removed with it.
    static func withClient(folder prefix: String, _ body: @Sendable (APITestWorld, any TestClientProtocol, TemporaryDirectory) async throws -> Void) async throws {
        let folder = try TemporaryDirectory(prefix: prefix)
        defer { folder.remove() }
        try await withClient { world, client in try await body(world, client, folder) }
    }
}

/// A response with its body parsed as JSON.
struct APIResponse {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String
    var json: Any?

    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
    var detail: String? { object["detail"] as? String }
}

extension TestClientProtocol {
    /// Sends a request (a JSON body when given) and reads the answer.
    func send(_ method: HTTPRequest.Method, _ uri: String, json: Any? = nil, body: String? = nil, headers: HTTPFields = [:]) async throws -> APIResponse {
        var headers = headers
        var buffer: ByteBuffer?
        if let json {
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
            headers[.contentType] = "application/json"
        } else if let body {
            buffer = ByteBuffer(string: body)
        }
        let response = try await executeRequest(uri: uri, method: method, headers: headers, body: buffer)
        let text = String(buffer: response.body)
        // Every response of every HTTP test is held to the OpenAPI document.
        for problem in try OpenAPIValidator.shared.problems(
            method: method.rawValue, uri: uri, status: Int(response.status.code), contentType: response.headers[.contentType], body: Data(response.body.readableBytesView)
        ) {
            Issue.record(Comment(rawValue: problem))
        }
        let json = text.isEmpty ? nil : try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        return APIResponse(status: response.status, headers: response.headers, text: text, json: json)
    }

    /// Adds the world's folder as a source and imports every entry; returns the source id.
    func addSourceAndImport(_ world: APITestWorld) async throws -> String {
        let created = try await send(.post, "/api/v1/marketplace/sources", json: ["url": world.source.url.path])
        #expect(created.status == .created, "\(created.text)")
        let sourceID = try #require((created.object["source"] as? [String: Any])?["id"] as? String)
        let catalog = try await send(.get, "/api/v1/marketplace/sources/\(sourceID)/artifacts")
        let ids = ((catalog.object["entries"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
        let imported = try await send(.post, "/api/v1/marketplace/sources/\(sourceID)/import", json: ["entry_ids": ids])
        #expect(imported.status == .ok, "\(imported.text)")
        return sourceID
    }
}
