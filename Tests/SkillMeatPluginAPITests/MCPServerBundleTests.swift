import Foundation
import SkillMeatPluginAPI
import Testing

@Suite struct MCPServerBundleTests {
    static func server(_ json: String) throws -> JSONValue {
        try JSONValue.parse(Data(json.utf8))
    }

    @Test("what a server configuration needs beside it", arguments: [
        // (configuration, whole folder, paths, candidates, refused)
        (#"{"command": "npx", "args": ["-y", "@scope/server", "mcp-server"]}"#, false, [String](), [String](), [String]()),
        (#"{"type": "http", "url": "https://example.com/mcp"}"#, false, [], [], []),
        (#"{"command": "node", "args": ["${CLAUDE_PLUGIN_ROOT}/dist/index.js"]}"#, false, ["dist/index.js"], [], []),
        (#"{"command": "bun", "args": ["run", "--cwd", "${CLAUDE_PLUGIN_ROOT}", "start"]}"#, true, [], [], []),
        (#"{"command": "sh", "args": ["-c", "cd $CLAUDE_PLUGIN_ROOT && ./run"]}"#, true, [], [], []),
        (#"{"command": "node", "args": ["./server.js"]}"#, false, ["server.js"], [], []),
        (#"{"command": "python", "args": ["server/main.py", "--port", "3000"]}"#, false, [], ["server/main.py"], []),
        (#"{"command": "${CLAUDE_PLUGIN_ROOT}/bin/serve", "cwd": "."}"#, true, ["bin/serve"], [], []),
        (#"{"command": "node", "args": ["x"], "env": {"CONFIG": "${CLAUDE_PLUGIN_ROOT}/config.json"}}"#, false, ["config.json"], [], []),
        // A reference that leaves the plugin is never followed.
        (#"{"command": "node", "args": ["${CLAUDE_PLUGIN_ROOT}/../../etc/passwd"]}"#, false, [], [], ["../../etc/passwd"]),
    ])
    func references(json: String, whole: Bool, paths: [String], candidates: [String], refused: [String]) throws {
        let references = MCPServerBundle.references(of: try Self.server(json))
        #expect(references.wholeFolder == whole)
        #expect(references.paths.map(\.string) == paths)
        #expect(references.candidates.map(\.string) == candidates)
        #expect(references.refused == refused)
    }

    @Test("prepare places the bundle under the folder and rewrites the plugin root and relative paths to it")
    func prepare() throws {
        let server = #"{"command": "./bin/serve", "args": ["${CLAUDE_PLUGIN_ROOT}/dist/index.js", "dist", "--name", "x"], "cwd": ".", "env": {"A": "$CLAUDE_PLUGIN_ROOT/a"}}"#
        let artifact = DeployableArtifact(
            id: ArtifactID(type: .mcpServer, name: "x"), metadata: ArtifactMetadata(), contentHash: "h",
            files: [
                try RelativePath(validating: "server.json"): Data(server.utf8),
                try RelativePath(validating: "bundle/dist/index.js"): Data("js".utf8),
                try RelativePath(validating: "bundle/bin/serve"): Data("sh".utf8),
            ],
            executableFiles: [try RelativePath(validating: "bundle/bin/serve")]
        )
        let bundle = try MCPServerBundle.prepare(artifact, folder: try RelativePath(validating: ".claude/mcp/x"), rootPrefix: "${P:-.}")
        #expect(bundle.files.map(\.path.string) == [".claude/mcp/x/bin/serve", ".claude/mcp/x/dist/index.js"])
        #expect(bundle.files.map(\.isExecutable) == [true, false])
        let root = "${P:-.}/.claude/mcp/x"
        #expect(bundle.configuration["command"] == .string("\(root)/bin/serve"))
        #expect(bundle.configuration["args"] == .array([.string("\(root)/dist/index.js"), .string("\(root)/dist"), .string("--name"), .string("x")]))
        #expect(bundle.configuration["cwd"] == .string(root))
        #expect(bundle.configuration["env"]?["A"] == .string("\(root)/a"))
    }

    @Test("a stored server without a bundle is deployed as it is")
    func bare() throws {
        let server = #"{"command": "npx", "args": ["-y", "pkg"]}"#
        let artifact = DeployableArtifact(
            id: ArtifactID(type: .mcpServer, name: "x"), metadata: ArtifactMetadata(), contentHash: "h",
            files: [try RelativePath(validating: "server.json"): Data(server.utf8)]
        )
        let bundle = try MCPServerBundle.prepare(artifact, folder: try RelativePath(validating: "mcp/x"), rootPrefix: "/p")
        #expect(bundle.files.isEmpty)
        #expect(JSONValue.object(bundle.configuration) == (try Self.server(server)))
    }
}
