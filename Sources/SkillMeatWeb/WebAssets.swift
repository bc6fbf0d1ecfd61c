/// The web UI served by `skillmeat serve`: its files compiled in, the page paths that load the
/// application shell, and the headers every UI response carries. Knows nothing of HTTP libraries, so
/// the server decides how to send what it finds here.
public enum WebAssets {
    /// One file the UI is made of, ready to send.
    public struct Asset: Sendable {
        public let contentType: String
        public let bytes: [UInt8]
        /// A strong validator for `ETag`, from the bytes.
        public let etag: String
    }

    /// Where the UI's own files are served; everything else the UI shows comes from `/api/v1`.
    public static let assetPrefix = "/assets/"

    /// Only our own scripts, styles and API; no inline script, no framing, no plugins. Content from
    /// repositories is inserted as text, and this policy is the second wall if that ever slips.
    public static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "connect-src 'self'", "font-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    /// Headers for every UI response.
    public static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]

    /// The application shell, answered for every page path so a reload or a shared link works.
    public static let shell: Asset = assets["index.html"]!

    /// The file at `path` (relative to the UI's root, e.g. `assets/app.css`), if it is under
    /// `assetPrefix`; the shell is served at page paths only.
    public static func asset(at path: String) -> Asset? {
        path.hasPrefix(assetPrefix.dropFirst()) ? assets[path] : nil
    }

    /// The paths of the UI's pages, in the router's `{parameter}` form; each answers with `shell`.
    public static let pagePaths = [
        "/", "/collection", "/collection/{id}", "/manage", "/marketplace/sources", "/marketplace/sources/{id}",
        "/projects", "/projects/{id}",
    ]

    /// Every compiled-in file under `assetPrefix`, as its path relative to the UI's root.
    public static var assetPaths: [String] { assets.keys.filter { $0.hasPrefix(assetPrefix.dropFirst()) }.sorted() }

    static let assets: [String: Asset] = sources.reduce(into: [:]) { result, file in
        let bytes = Array(file.value.utf8)
        result[file.key] = Asset(contentType: contentType(of: file.key), bytes: bytes, etag: "\"\(hexHash(bytes))\"")
    }

    static func contentType(of path: String) -> String {
        switch path.split(separator: ".").last ?? "" {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "json": "application/json"
        default: "text/plain; charset=utf-8"
        }
    }

    /// FNV-1a, 64 bits: enough to tell versions of our own files apart for caching.
    static func hexHash(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
