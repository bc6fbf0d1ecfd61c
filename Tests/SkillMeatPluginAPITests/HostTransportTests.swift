import Foundation
@testable import SkillMeatPluginAPI
import Testing

@Suite struct HostTransportTests {
    @Test("every transport uses the one session of the process, so a provider made per request opens no new connections")
    func oneSession() {
        // A session per transport held curl's descriptors and idle connections per provider: a
        // parallel test run reached 1,300 sockets that way.
        let first = URLSessionHostTransport(), second = URLSessionHostTransport()
        #expect(first.session === second.session)
    }
}
