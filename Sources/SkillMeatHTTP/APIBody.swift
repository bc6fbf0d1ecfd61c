import Foundation
import Hummingbird
import NIOCore
import SkillMeatCore
import SkillMeatPluginAPI

/// Reading JSON bodies and writing JSON responses, the same way for every route.
enum APIBody {
    /// The largest request body accepted (1 MiB); anything larger gets 413.
    static let maxBytes = 1 << 20

    /// Decodes the request's JSON body; an empty body reads as `{}` so optional bodies may be left
    /// out. A body that is not JSON or has fields of the wrong type is a 422 that names the field.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: APIRequestContext) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let data = buffer.readableBytes == 0 ? Data("{}".utf8) : Data(buffer.readableBytesView)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as APIError {
            throw error
        } catch let error as DecodingError {
            throw APIError(status: .unprocessableContent, detail: describe(error))
        } catch {
            throw APIError(status: .unprocessableContent, detail: "The request body is not valid JSON.")
        }
    }

    /// A 400 naming the first field of the body's object that is not in `known` (for bodies that
    /// refuse what they do not understand rather than ignore it).
    static func rejectUnknownFields(_ decoder: any Decoder, known: [String]) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let known = Set(known)
        if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw APIError(status: .badRequest, detail: "The field '\(unknown)' is not one this endpoint takes; it takes \(known.sorted().joined(separator: ", ")).")
        }
    }

    /// Any key, for reading which keys a body has.
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// `value` as compact JSON, through the same writer as the CLI's `--json`.
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        // Room for a page of 50 artifacts, so the buffer is not regrown while writing one.
        var writer = JSONWriter(pretty: false, capacity: 1 << 15)
        try writer.encode(value)
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: writer.bytes)))
    }

    /// One sentence for a body that does not fit the expected shape.
    static func describe(_ error: DecodingError) -> String {
        func field(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "the body" : "'" + path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".") + "'"
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "The field \(field(context.codingPath)) must be \(describe(type)); fix the request body."
        case .valueNotFound(let type, let context):
            return "The field \(field(context.codingPath)) must be \(describe(type)), not null; fix the request body."
        case .keyNotFound(let key, let context):
            return "The field \(field(context.codingPath + [key])) is required; add it to the request body."
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "The request body is not valid JSON; send a JSON object."
                : "The field \(field(context.codingPath)) is not valid: \(context.debugDescription)"
        @unknown default:
            return "The request body does not have the expected shape."
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Bool.Type: "true or false"
        case is [String].Type: "an array of strings"
        case is [String: String].Type: "an object of strings"
        default: type == [String: Any].self ? "an object" : "of type \(type)"
        }
    }
}

/// Reading query parameters: absent means nil, present but wrong is a 400 that says what is expected.
struct QueryParameters {
    let request: Request

    /// A 400 naming the first query parameter not in `accepted`, so a misspelt filter is never
    /// silently ignored (a list that quietly ignores `artifact_typ=` looks filtered and is not).
    func rejectUnknown(accepting accepted: Set<String>) throws {
        for (name, _) in request.uri.queryParameters where !accepted.contains(String(name)) {
            let takes = accepted.isEmpty ? "it takes none" : "it takes " + accepted.sorted().joined(separator: ", ")
            throw APIError(status: .badRequest, detail: "This endpoint has no query parameter '\(name)'; \(takes).")
        }
    }

    /// The parameter's value; an empty one (`artifact_type=`, as SkillMeat's clients send for "any")
    /// reads as absent.
    func string(_ name: String) -> String? {
        request.uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    func all(_ name: String) -> [String] {
        request.uri.queryParameters.getAll(name).flatMap { $0.split(separator: ",").map(String.init) }
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError(status: .badRequest, detail: "The query parameter '\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }

    func bool(_ name: String) throws -> Bool? {
        guard let text = string(name)?.lowercased() else { return nil }
        switch text {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError(status: .badRequest, detail: "The query parameter '\(name)' must be true or false.")
        }
    }

    /// An artifact type as users write them (`mcp`, `mcp-server`, …).
    func artifactType(_ name: String) throws -> ArtifactType? {
        guard let raw = string(name) else { return nil }
        guard let type = ArtifactType(parsing: raw) else {
            throw APIError(status: .badRequest, detail: "'\(raw)' is not an artifact type; use one of \(ArtifactType.validNames).")
        }
        return type
    }

    /// `limit`: 50 unless given, at most 500.
    func limit() throws -> Int {
        try int("limit", in: 1...500) ?? 50
    }
}
