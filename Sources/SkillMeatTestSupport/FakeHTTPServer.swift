public import Foundation
import Hummingbird
import Logging
import NIOCore

/// Runs a local HTTP server on 127.0.0.1 (a random free port) that answers every GET through
/// `respond`, for the fakes of source hosts (`FakeGitHub`, `FakeSourceHost`).
enum FakeHTTPServer {
    /// Starts the server, hands its base URL to `started`, runs `body`, then shuts the server down.
    static func run<Result>(
        label: String,
        respond: @escaping @Sendable (Request) -> Response,
        started: (URL) -> Void,
        _ body: () async throws -> Result
    ) async throws -> Result {
        let router = Router()
        router.get("**") { request, _ in respond(request) }
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: label)
        logger.logLevel = .critical
        let application = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.run() }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0,
                  let url = URL(string: "http://127.0.0.1:\(port)")
            else {
                throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "the fake server \(label) did not start"])
            }
            started(url)
            let result = try await body()
            group.cancelAll()
            return result
        }
    }
}
