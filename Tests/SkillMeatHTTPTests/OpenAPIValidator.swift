import Foundation
import Logging
import SkillMeatCore
@testable import SkillMeatHTTP
import SkillMeatPluginAPI
import SkillMeatRegistry
import SkillMeatTestSupport
import Synchronization

/// Checks responses against the OpenAPI document the server publishes: the status must be one the
/// route declares, and a JSON body must fit the schema declared for that status — types, required
/// fields, `null` only where allowed, enums, and closed objects (an object schema that lists
/// `properties` admits no other key unless it says `additionalProperties`).
///
/// Every response of every HTTP test goes through it (`TestClientProtocol.send`), and so does every
/// response of the fuzz test.
struct OpenAPIValidator: Sendable {
    let document: JSONValue
    /// The document's paths, split into segments, most literal first so `/sources/infer-url` wins over
    /// `/sources/{id}`.
    let templates: [(path: String, segments: [String])]

    init(document: JSONValue) {
        self.document = document
        let paths = document["paths"]?.objectValue ?? [:]
        templates = paths.keys.map { path in
            (path, path.split(separator: "/", omittingEmptySubsequences: false).map(String.init))
        }.sorted { left, right in
            let literal = { (segments: [String]) in segments.filter { !$0.hasPrefix("{") }.count }
            return (literal(left.segments), left.path) > (literal(right.segments), right.path)
        }
    }

    /// The document this build serves (the same rendering as `GET /api/v1/openapi.json`), built once.
    static var shared: OpenAPIValidator {
        get throws {
            if let validator = cache.withLock({ $0 }) { return validator }
            let home = try TemporaryDirectory(prefix: "skillmeat-openapi")
            defer { home.remove() }
            let runtime = try SkillMeatRuntime.load(environment: ["SKILLMEAT_HOME": home.url.path]) { _ in
                var logger = Logger(label: "openapi")
                logger.logLevel = .critical
                return logger
            }
            let routes = APIRoutes(services: APIServices(runtime: runtime, settings: ServerSettings(configuration: runtime.configuration))).all
            let validator = OpenAPIValidator(document: OpenAPIDocument.rendered(describing: routes))
            cache.withLock { $0 = validator }
            return validator
        }
    }

    private static let cache = Mutex<OpenAPIValidator?>(nil)

    /// The document's path template that `path` (without its query) falls under, if any.
    func template(for path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for template in templates where Self.matches(segments, template.segments) { return template.path }
        return nil
    }

    static func matches(_ segments: [String], _ template: [String]) -> Bool {
        if template.last == "{path}" {
            // `**`: at least one segment more.
            guard segments.count >= template.count else { return false }
            return zip(segments, template.dropLast()).allSatisfy { segment, part in part.hasPrefix("{") ? !segment.isEmpty : segment == part }
        }
        guard segments.count == template.count else { return false }
        return zip(segments, template).allSatisfy { segment, part in part.hasPrefix("{") ? !segment.isEmpty : segment == part }
    }

    /// What is wrong with a response to `method uri` (empty when nothing is).
    func problems(method: String, uri: String, status: Int, contentType: String?, body: Data) -> [String] {
        let method = method.lowercased()
        // CORS preflights belong to the CORS protocol, not to any operation.
        if method == "options" { return [] }
        let path = String(uri.prefix { $0 != "?" })
        guard let template = template(for: path), let operation = document["paths"]?[template]?[method] else {
            // No operation: the router's own 404/405, in the API's error shape.
            guard status == 404 || status == 405 || status == 421 || status == 401 else {
                return ["\(method.uppercased()) \(path) is no documented operation, yet it answered \(status)"]
            }
            return check(body: body, contentType: contentType, against: schemaRef("Error"), where: "\(status) of undocumented \(path)")
        }
        let label = "\(method.uppercased()) \(template) → \(status)"
        guard var response = operation["responses"]?[String(status)] else {
            let declared = (operation["responses"]?.objectValue?.keys.sorted() ?? []).joined(separator: ", ")
            return ["\(label): status \(status) is not declared (declared: \(declared))"]
        }
        if let reference = response["$ref"]?.stringValue { response = resolve(reference) ?? .null }
        guard let schema = response["content"]?["application/json"]?["schema"] else {
            return body.isEmpty ? [] : ["\(label): the document declares no body, the response has \(body.count) bytes"]
        }
        return check(body: body, contentType: contentType, against: schema, where: label)
    }

    private func check(body: Data, contentType: String?, against schema: JSONValue, where label: String) -> [String] {
        guard contentType?.hasPrefix("application/json") == true else {
            return ["\(label): Content-Type is \(contentType ?? "missing"), not application/json"]
        }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: body) else {
            return ["\(label): the body is not JSON: \(String(decoding: body.prefix(200), as: UTF8.self))"]
        }
        return validate(value, against: schema, at: "$").map { "\(label): \($0)" }
    }

    private func schemaRef(_ name: String) -> JSONValue {
        .object(["$ref": .string("#/components/schemas/\(name)")])
    }

    /// The value a `#/a/b` reference points at.
    func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: JSONValue? = document
        for part in reference.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node
    }

    /// What is wrong with `value` under `schema` (the JSON Schema subset the document uses).
    func validate(_ value: JSONValue, against schema: JSONValue, at where_: String) -> [String] {
        if let reference = schema["$ref"]?.stringValue {
            guard let target = resolve(reference) else { return ["\(where_): unresolvable \(reference)"] }
            return validate(value, against: target, at: where_)
        }
        if let choices = schema["oneOf"]?.arrayValue {
            let fitting = choices.filter { validate(value, against: $0, at: where_).isEmpty }.count
            if fitting == 1 { return [] }
            if fitting == 0 {
                let reasons = choices.flatMap { validate(value, against: $0, at: where_) }
                return ["\(where_): fits none of oneOf (\(reasons.prefix(4).joined(separator: "; ")))"]
            }
            return ["\(where_): fits \(fitting) schemas of oneOf, not exactly one"]
        }
        if let types = schema["type"] {
            let allowed = types.arrayValue?.compactMap(\.stringValue) ?? types.stringValue.map { [$0] } ?? []
            guard allowed.contains(where: { Self.has(value, type: $0) }) else {
                return ["\(where_): \(Self.kind(of: value)) where the document says \(allowed.joined(separator: " or "))"]
            }
        }
        if let choices = schema["enum"]?.arrayValue, !choices.contains(value) {
            return ["\(where_): \(value.description) is not one of \(choices.map(\.description).joined(separator: ", "))"]
        }
        var problems: [String] = []
        if case .int(let number) = value {
            if let minimum = schema["minimum"]?.intValue, number < minimum { problems.append("\(where_): \(number) < minimum \(minimum)") }
            if let maximum = schema["maximum"]?.intValue, number > maximum { problems.append("\(where_): \(number) > maximum \(maximum)") }
        }
        switch value {
        case .object(let object):
            let properties = schema["properties"]?.objectValue
            for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
                problems.append("\(where_): required field '\(name)' is missing")
            }
            for (key, item) in object.sorted(by: { $0.key < $1.key }) {
                if let property = properties?[key] {
                    problems += validate(item, against: property, at: "\(where_).\(key)")
                } else if let additional = schema["additionalProperties"] {
                    if case .bool(false) = additional {
                        problems.append("\(where_): field '\(key)' is not declared (additionalProperties: false)")
                    } else if case .object = additional {
                        problems += validate(item, against: additional, at: "\(where_).\(key)")
                    }
                } else if properties != nil {
                    problems.append("\(where_): field '\(key)' is not declared in the document")
                }
            }
        case .array(let items):
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() { problems += validate(item, against: itemSchema, at: "\(where_)[\(index)]") }
            }
        default:
            break
        }
        return problems
    }

    static func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("integer", .int), ("number", .int), ("number", .double), ("string", .string),
             ("array", .array), ("object", .object):
            true
        default:
            false
        }
    }

    static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .double: "a number"
        case .string, .datetime: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
