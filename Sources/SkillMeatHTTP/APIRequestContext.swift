public import Hummingbird
import NIOCore

/// The request context of the API: Hummingbird's basic context with the API's body limit, and the
/// connection the request came on (to stop the work when its client goes away).
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: (any Channel)?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Bodies beyond this are refused with 413 before they are decoded.
    public var maxUploadSize: Int { APIBody.maxBytes }
}
