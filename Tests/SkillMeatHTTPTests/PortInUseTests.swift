import Foundation
import Logging
import SkillMeatCore
import SkillMeatHTTP
import SkillMeatRegistry
import SkillMeatTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct PortInUseTests {
    /// A listening socket on a free loopback port, closed by the caller.
    static func occupyPort() throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        try #require(bound == 0 && listen(descriptor, 1) == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test("serve on a taken port says the port is in use, in words")
    func portInUse() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let (descriptor, port) = try Self.occupyPort()
        defer { close(descriptor) }
        let runtime = try SkillMeatRuntime.load(environment: ["SKILLMEAT_HOME": home.url.path]) { _ in Logger(label: "test") }
        var settings = ServerSettings(configuration: runtime.configuration)
        settings.port = port
        do {
            try await SkillMeatServer.serve(runtime: runtime, settings: settings)
            Issue.record("serve returned on a taken port")
        } catch let error as SkillMeatError {
            #expect(error.description.contains("Port \(port) on 127.0.0.1 is already in use"), "\(error.description)")
        }
    }
}
