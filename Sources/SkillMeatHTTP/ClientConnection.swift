import Hummingbird
import NIOCore
import Synchronization

/// Whether the client of one connection is still there. The server's channel handler
/// (`ClientDisconnectHandler`) closes it when the client closes its side or the connection drops, and
/// `runWhileConnected` cancels the request's work then: Core stops at its next entry boundary
/// (`Interruption.shouldStop`, the same stop the CLI's SIGINT takes), so nothing goes on for a
/// client that has gone.
final class ClientConnection: Sendable {
    private struct State {
        var closed = false
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    var isClosed: Bool { state.withLock { $0.closed } }

    /// Marks the client gone and wakes whoever waits for it.
    func close() {
        let waiters = state.withLock { state in
            state.closed = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns when the client has gone, or when the calling task is cancelled.
    func waitUntilClosed() async {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state in
                    if state.closed || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// Runs `body` in a task that is cancelled when the client of `channel` goes away; without a
    /// watched connection (HummingbirdTesting's router tests), `body` just runs.
    static func runWhileConnected<T: Sendable>(_ channel: (any Channel)?, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let channel, let connection = try? await channel.eventLoop.submit({
            try channel.pipeline.syncOperations.handler(type: ClientDisconnectHandler.self).connection
        }).get() else {
            return try await body()
        }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                await connection.waitUntilClosed()
                return nil
            }
            while let finished = try await group.next() {
                // The work's answer: stop watching. The client left: cancel the work and wait for it to stop.
                guard let value = finished else {
                    group.cancelAll()
                    continue
                }
                group.cancelAll()
                return value
            }
            throw CancellationError()
        }
    }
}

/// One per connection, after HTTP decoding: notices the client closing its side of the connection
/// (the server allows half-closed connections, so that arrives as `inputClosed`) or the connection
/// dropping, and closes its `ClientConnection`.
final class ClientDisconnectHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    let connection = ClientConnection()

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed { connection.close() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection.close()
        context.fireChannelInactive()
    }
}
