import Foundation
import Hummingbird
import HummingbirdTesting
import SkillMeatCore
import SkillMeatHTTP
import SkillMeatPluginAPI
import SkillMeatRegistry
import SkillMeatStore
import SkillMeatTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The server as `serve` runs it, over real TCP connections: idle connections are closed, and the work
/// of a client that goes away stops.
@Suite struct ConnectionTests {
    /// A TCP connection to the test server (`localhost`: IPv4 or IPv6, whichever it bound).
    static func connect(port: Int) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        try #require(getaddrinfo("localhost", String(port), &hints, &list) == 0)
        defer { freeaddrinfo(list) }
        var next = list
        while let info = next {
            let descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if descriptor >= 0, Glibc.connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return descriptor }
            if descriptor >= 0 { close(descriptor) }
            next = info.pointee.ai_next
        }
        Issue.record("no connection to localhost:\(port)")
        throw CancellationError()
    }

    static func setReceiveTimeout(_ descriptor: Int32, seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    static func send(_ descriptor: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeMutableBytes { write(descriptor, $0.baseAddress! + sent, $0.count - sent) }
            guard count > 0 else { return }
            sent += count
        }
    }

    @Test("a connection left idle is closed after server.idle_timeout_seconds")
    func idleConnectionIsClosed() async throws {
        let world = try await APITestWorld()
        defer { world.remove() }
        let runtime = try world.runtime()
        var settings = ServerSettings(configuration: runtime.configuration)
        settings.idleTimeoutSeconds = 1
        try await SkillMeatServer.application(runtime: runtime, settings: settings).test(.live) { client in
            let descriptor = try Self.connect(port: try #require(client.port))
            defer { close(descriptor) }
            Self.setReceiveTimeout(descriptor, seconds: 15)
            let started = ContinuousClock.now
            var byte: UInt8 = 0
            // The server closes the connection: the read ends with 0 bytes (end of stream), not a timeout.
            let count = read(descriptor, &byte, 1)
            #expect(count == 0, "the idle connection stayed open (read returned \(count))")
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }

    @Test("the idle timeout is read from server.idle_timeout_seconds and validated")
    func idleTimeoutSetting() throws {
        let configuration = Configuration(values: ["server": .object(["idle_timeout_seconds": .int(5)])])
        #expect(ServerSettings(configuration: configuration).idleTimeoutSeconds == 5)
        var settings = ServerSettings(configuration: configuration)
        settings.idleTimeoutSeconds = 0
        #expect(throws: SkillMeatError.self) { try settings.validate() }
    }

    @Test("an import whose client disconnects stops at an entry boundary, and what it did is consistent")
    func disconnectStopsImport() async throws {
        let count = 400
        var files: [String: String] = [:]
        for index in 0..<count {
            files["skills/s\(index)/SKILL.md"] = "---\nname: s\(index)\ndescription: Skill \(index)\n---\nBody \(index)\n"
        }
        let world = try await APITestWorld(files: files)
        defer { world.remove() }
        let runtime = try world.runtime()
        var settings = ServerSettings(configuration: runtime.configuration)
        // The test client keeps one connection, idle while the abandoned import winds down: on a loaded
        // machine that took over the 60 s default and the server closed it ("I/O on closed channel").
        settings.idleTimeoutSeconds = 600
        let staging = world.home.url.appending(path: "collections/default/.staging")
        try await SkillMeatServer.application(runtime: runtime, settings: settings).test(.live) { client in
            // The source is added (and scanned) in process, so a loaded machine does not hold up the client.
            let sourceID = try await MarketplaceService(stores: try runtime.openStores(), plugins: runtime.plugins)
                .addSource(.init(location: world.source.url.path)).0.id
            var ids: [String] = []
            var cursor: String?
            repeat {
                let page = try await client.send(.get, "/api/v1/marketplace/sources/\(sourceID)/artifacts?page_size=500" + (cursor.map { "&cursor=\($0)" } ?? ""))
                ids += (page.object["entries"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                cursor = page.object["next_cursor"] as? String
            } while cursor != nil
            try #require(ids.count == count)

            let body = String(decoding: try JSONSerialization.data(withJSONObject: ["entry_ids": ids]), as: UTF8.self)
            let port = try #require(client.port)
            let descriptor = try Self.connect(port: port)
            Self.send(descriptor, "POST /api/v1/marketplace/sources/\(sourceID)/import HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
            // The client goes away as soon as the request is sent; on a loaded machine the work has barely
            // started, on an idle one it may be staging entries already.
            let deadline = ContinuousClock.now + .seconds(60)
            close(descriptor)
            // The work stops: its staging folder (made within the first second) is released.
            try await Task.sleep(for: .seconds(1))
            while ContinuousClock.now < deadline, !((try? FileManager.default.contentsOfDirectory(atPath: staging.path))?.isEmpty ?? true) {
                try await Task.sleep(for: .milliseconds(20))
            }
            let imported = try await client.send(.get, "/api/v1/marketplace/sources/\(sourceID)/artifacts?status=imported&page_size=1")
            let importedCount = try #require(imported.object["total"] as? Int)
            #expect(importedCount < count, "all \(count) entries were imported for a client that had gone")
            // What was done is whole: the collection has exactly the entries the catalog marks imported.
            var listed = 0
            cursor = nil
            repeat {
                let page = try await client.send(.get, "/api/v1/artifacts?limit=500" + (cursor.map { "&cursor=\($0)" } ?? ""))
                listed += (page.object["items"] as? [[String: Any]])?.count ?? 0
                cursor = page.object["next_cursor"] as? String
            } while cursor != nil
            #expect(listed == importedCount)
        }
    }
}
