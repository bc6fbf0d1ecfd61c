public import Hummingbird

/// The request context of the API: Hummingbird's basic context with the API's body limit.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Bodies beyond this are refused with 413 before they are decoded.
    public var maxUploadSize: Int { APIBody.maxBytes }
}
