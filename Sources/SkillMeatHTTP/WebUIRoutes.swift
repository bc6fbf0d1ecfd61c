import Foundation
import Hummingbird
import NIOCore
import SkillMeatWeb

/// Serves the web UI (SkillMeatWeb) beside the API: every page path answers with the application
/// shell, `/assets/…` with the compiled-in files. The UI reads and changes everything through
/// `/api/v1` like any other client, so these routes hold no data and need no token.
enum WebUIRoutes {
    static func register(on router: Router<APIRequestContext>) {
        for page in WebAssets.pagePaths {
            router.get(RouterPath(page)) { request, _ in
                respond(with: WebAssets.shell, to: request, cache: "no-cache")
            }
        }
        router.get(RouterPath(WebAssets.assetPrefix + "**")) { request, _ in
            let path = String(request.uri.path.dropFirst())
            guard let asset = WebAssets.asset(at: path) else {
                throw APIError(status: .notFound, detail: "The web UI has no file '\(path)'.")
            }
            // Assets change only with the binary; the ETag lets a browser keep them between versions.
            return respond(with: asset, to: request, cache: "no-cache")
        }
    }

    /// Whether `request` is for the UI's pages or files rather than the API: a GET outside `/api/`.
    /// Such requests carry no token (a browser's navigation cannot add one) and change nothing.
    static func isWebUIRequest(_ request: Request) -> Bool {
        (request.method == .get || request.method == .head) && !request.uri.path.hasPrefix(APIRoutes.prefix + "/")
            && request.uri.path != APIRoutes.prefix
    }

    static func respond(with asset: WebAssets.Asset, to request: Request, cache: String) -> Response {
        var headers: HTTPFields = [.contentType: asset.contentType, .eTag: asset.etag, .cacheControl: cache]
        for header in WebAssets.securityHeaders {
            if let name = HTTPFields.Element.Name(header.name) { headers[name] = header.value }
        }
        if let given = request.headers[.ifNoneMatch], given.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == asset.etag }) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}
