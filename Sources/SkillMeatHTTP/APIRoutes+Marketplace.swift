import Foundation
import Hummingbird
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatStore

extension APIRoutes {
    static let sourceID = APIParameter.path("id", "The source id.")
    static let sourcesPath = "/api/v1/marketplace/sources"

    var marketplaceSourceRoutes: [APIRoute] {
        [
            APIRoute(
                method: .post, path: Self.sourcesPath + "/infer-url",
                operation: APIOperation(
                    id: "inferSourceURL", tag: "marketplace",
                    summary: "Which source provider accepts a URL or reference, and the location, ref, root and name it reads from it.",
                    body: Schema.object(["url": Schema.string]), bodyRequired: true,
                    response: Schema.ref("InferredSource"), errors: [400, 422]
                )
            ) { [services] request, context in
                let body = try await APIBody.decode(InferURLBody.self, from: request, context: context)
                return try APIBody.json(try services.marketplace().infer(body.url))
            },
            APIRoute(
                method: .post, path: Self.sourcesPath,
                operation: APIOperation(
                    id: "createSource", tag: "marketplace",
                    summary: "Add a source and scan it at once. A source whose first scan fails is kept, with the error in `error`.",
                    body: NewSourceBody.schema, bodyRequired: true, status: 201,
                    response: Schema.ref("SourceScan"), responseDescription: "Created", errors: [400, 409, 422, 503]
                )
            ) { [services] request, context in
                let body = try await APIBody.decode(NewSourceBody.self, from: request, context: context)
                let (source, outcome) = try await services.marketplace().addSource(try body.request())
                return try APIBody.json(SourceScanOutput(source: source, outcome: outcome), status: .created)
            },
            APIRoute(
                method: .get, path: Self.sourcesPath,
                operation: APIOperation(
                    id: "listSources", tag: "marketplace", summary: "The marketplace sources, by id, a page at a time.",
                    parameters: Array(Self.listParameters.suffix(2)), response: Schema.page(of: "Source"), errors: [400, 503]
                )
            ) { [services] request, _ in
                let query = QueryParameters(request: request)
                let limit = try query.limit()
                let cursor = query.string("cursor")
                let sources = try await services.marketplace().sources().sorted { $0.id < $1.id }
                    .filter { source in cursor.map { source.id > $0 } ?? true }
                return try APIBody.json(Page(lookahead: Array(sources.prefix(limit + 1)), limit: limit, key: \.id))
            },
            APIRoute(
                method: .get, path: Self.sourcesPath + "/{id}",
                operation: APIOperation(
                    id: "getSource", tag: "marketplace", summary: "A source and its catalog's counts by status and type.",
                    parameters: [Self.sourceID], response: Schema.ref("SourceDetail"), errors: [400, 404, 503]
                )
            ) { [services] _, context in
                try APIBody.json(try await services.marketplace().detail(try Self.pathParameter("id", context)))
            },
            APIRoute(
                method: .patch, path: Self.sourcesPath + "/{id}",
                operation: APIOperation(
                    id: "updateSource", tag: "marketplace",
                    summary: "Change a source's ref, root, manual map, trust, description, tags or name; rescan to apply a new ref, root or map.",
                    parameters: [Self.sourceID], body: SourcePatchBody.schema, bodyRequired: true,
                    response: Schema.ref("Source"), errors: [400, 404, 422, 503]
                )
            ) { [services] request, context in
                let body = try await APIBody.decode(SourcePatchBody.self, from: request, context: context)
                let source = try await services.marketplace().updateSource(
                    try Self.pathParameter("id", context), ref: body.ref, root: body.root,
                    manualMap: body.manualMap, trust: try NewSourceBody.trustLevel(body.trust), description: body.description,
                    tags: body.tags, name: body.name, acceptPendingTags: body.acceptPendingTags ?? false
                )
                return try APIBody.json(source)
            },
            APIRoute(
                method: .delete, path: Self.sourcesPath + "/{id}",
                operation: APIOperation(
                    id: "deleteSource", tag: "marketplace", summary: "Remove a source and its catalog; imported artifacts stay in the collection.",
                    parameters: [Self.sourceID], status: 204, responseDescription: "Removed", errors: [400, 404, 503]
                )
            ) { [services] _, context in
                let marketplace = try services.marketplace()
                try await marketplace.removeSource(try Self.pathParameter("id", context))
                return Response(status: .noContent)
            },
            APIRoute(
                method: .post, path: Self.sourcesPath + "/{id}/rescan",
                operation: APIOperation(
                    id: "rescanSource", tag: "marketplace",
                    summary: "Rescan a source and merge what it finds into its catalog; true counts of new, updated, removed and unchanged entries.",
                    parameters: [Self.sourceID], response: Schema.ref("ScanReport"), errors: [400, 403, 404, 409, 429, 502, 503]
                )
            ) { [services] _, context in
                let marketplace = try services.marketplace()
                return try APIBody.json(try await marketplace.scan(try await marketplace.requireSource(try Self.pathParameter("id", context)).id))
            },
            APIRoute(
                method: .post, path: Self.sourcesPath + "/{id}/refresh-auto-tags",
                operation: APIOperation(
                    id: "refreshSourceTags", tag: "marketplace",
                    summary: "Fetch the tags a source suggests (GitHub topics) as pending tags; accept them with PATCH accept_pending_tags.",
                    parameters: [Self.sourceID], response: Schema.ref("SourceTagRefresh"), errors: [400, 403, 404, 429, 503]
                )
            ) { [services] _, context in
                try APIBody.json(try await services.marketplace().refreshTags(try Self.pathParameter("id", context)).flattened)
            },
            bulkSourcesRoute(
                "bulk-refresh-auto-tags", id: "bulkRefreshSourceTags", response: "TagRefreshBatch",
                summary: "Refresh the suggested tags of several sources (all when source_ids is left out); one failure, an unknown id's included, "
                    + "does not stop the others, and after a rate limit the provider's remaining sources are skipped without a request."
            ) { marketplace, ids in try await marketplace.refreshTags(of: ids) },
            bulkSourcesRoute(
                "bulk-rescan", id: "bulkRescanSources", response: "RescanBatch",
                summary: "Rescan several sources (all when source_ids is left out); one failure, an unknown id's included, does not stop the others, "
                    + "and after a rate limit the provider's remaining sources are skipped without a request, the reason kept as their last_error."
            ) { marketplace, ids in try await marketplace.scan(of: ids) },
        ]
    }

    /// `POST …/sources/<action>`: one operation over the sources `source_ids` names (all when it is left out).
    func bulkSourcesRoute<Batch: Encodable & Sendable>(
        _ action: String, id: String, response: String, summary: String,
        run: @escaping @Sendable (MarketplaceService, _ sourceIDs: [String]?) async throws -> Batch
    ) -> APIRoute {
        APIRoute(
            method: .post, path: Self.sourcesPath + "/" + action,
            operation: APIOperation(
                id: id, tag: "marketplace", summary: summary,
                body: Schema.object(["source_ids": Schema.strings], required: []),
                response: Schema.ref(response), errors: [400, 422, 503]
            )
        ) { [services] request, context in
            let body = try await APIBody.decode(BulkRefreshBody.self, from: request, context: context)
            return try APIBody.json(try await run(try services.marketplace(), body.sourceIDs))
        }
    }
}

struct InferURLBody: Decodable {
    var url: String
}

struct BulkRefreshBody: Decodable {
    var sourceIDs: [String]?

    enum CodingKeys: String, CodingKey {
        case sourceIDs = "source_ids"
    }
}

/// `POST /api/v1/marketplace/sources`: SkillMeat's `repo_url`, `root_hint` and `trust_level`, or ours
/// (`url`, `root`, `trust`) as aliases; a field it does not know is a 400, never ignored.
struct NewSourceBody: Decodable {
    var url: String
    var ref: String?
    var root: String?
    var manualMap: ManualMap?
    var trust: String?
    var name: String?
    var description: String?
    var tags: [String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case url, ref, root, trust, name, description, tags
        case repoURL = "repo_url"
        case rootHint = "root_hint"
        case trustLevel = "trust_level"
        case manualMap = "manual_map"
    }

    init(from decoder: any Decoder) throws {
        try APIBody.rejectUnknownFields(decoder, known: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func either(_ ours: CodingKeys, _ theirs: CodingKeys) throws -> String? {
            let mine = try container.decodeIfPresent(String.self, forKey: ours), seeds = try container.decodeIfPresent(String.self, forKey: theirs)
            if let mine, let seeds, mine != seeds {
                throw APIError(status: .badRequest, detail: "'\(ours.rawValue)' and '\(theirs.rawValue)' name the same field with different values; send one.")
            }
            return mine ?? seeds
        }
        guard let url = try either(.url, .repoURL) else {
            throw APIError(status: .unprocessableContent, detail: "The field 'repo_url' (or 'url') is required; add it to the request body.")
        }
        self.url = url
        root = try either(.root, .rootHint)
        trust = try either(.trust, .trustLevel)
        ref = try container.decodeIfPresent(String.self, forKey: .ref)
        manualMap = try container.decodeIfPresent(ManualMap.self, forKey: .manualMap)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        tags = try container.decodeIfPresent([String].self, forKey: .tags)
    }

    static let schema: JSONValue = {
        let manualMap = JSONValue.object(["oneOf": .array([Schema.stringMap, .object(["type": .string("object"), "additionalProperties": Schema.strings])])])
        var properties: [String: JSONValue] = [
            "repo_url": Schema.string, "url": Schema.string, "ref": Schema.string, "root_hint": Schema.string, "root": Schema.string,
            "manual_map": manualMap, "trust_level": Schema.enumeration(TrustLevel.names + ["verified"]),
            "trust": Schema.enumeration(TrustLevel.names + ["verified"]), "name": Schema.string, "description": Schema.string, "tags": Schema.strings,
        ]
        properties["manual_map"] = manualMap
        guard case .object(var object) = Schema.object(properties, required: []) else { return Schema.anyObject }
        object["additionalProperties"] = .bool(false)
        object["description"] = .string("repo_url (or url) is required; manual_map is {path: type} or SkillMeat's {type: [paths]}; verified is trusted.")
        return .object(object)
    }()

    func request() throws -> MarketplaceService.NewSource {
        try Self.checkLocalFolder(url)
        return MarketplaceService.NewSource(
            location: url, ref: ref, root: root, manualMap: manualMap ?? ManualMap(), trust: try Self.trustLevel(trust) ?? .basic,
            name: name, description: description, tags: tags ?? []
        )
    }

    /// Over HTTP a local folder is named by its absolute path (the server's working directory means
    /// nothing to a client), and is never `/` nor a system folder, whose scan would read the machine.
    static func checkLocalFolder(_ location: String) throws {
        let trimmed = location.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw APIError(status: .badRequest, detail: "url is empty; give owner/repo, a git URL or the absolute path of a local folder.")
        }
        if trimmed.hasPrefix("/") {
            let path = PathSafety.canonical(URL(fileURLWithPath: trimmed)).path
            if ProjectRegistry.isSystemFolder(path) {
                throw APIError(status: .badRequest, detail: "\(path) is a system folder, not a marketplace; give the folder that holds the artifacts.")
            }
        } else if !trimmed.contains(":"), FileManager.default.fileExists(atPath: trimmed) {
            throw APIError(status: .badRequest, detail: "'\(trimmed)' is a relative path; name a local folder by its absolute path.")
        }
    }

    /// A body's trust level; an unknown one is a 400 naming the levels.
    static func trustLevel(_ raw: String?) throws -> TrustLevel? {
        guard let raw else { return nil }
        guard let level = TrustLevel(parsing: raw) else {
            throw APIError(status: .badRequest, detail: "'\(raw)' is not a trust level; use \(TrustLevel.names.joined(separator: ", ")).")
        }
        return level
    }
}

/// `PATCH /api/v1/marketplace/sources/{id}`: a field left out is unchanged; `ref`, `root` and
/// `description` set to null go back to their defaults.
struct SourcePatchBody: Decodable {
    var ref: String??
    var root: String??
    var manualMap: ManualMap?
    var trust: String?
    var description: String??
    var tags: [String]?
    var name: String?
    var acceptPendingTags: Bool?

    enum CodingKeys: String, CodingKey {
        case ref, root, trust, description, tags, name
        case manualMap = "manual_map"
        case acceptPendingTags = "accept_pending_tags"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func clearable(_ key: CodingKeys) throws -> String?? {
            guard container.contains(key) else { return nil }
            let value = try container.decodeIfPresent(String.self, forKey: key)
            return .some(value.flatMap { $0.isEmpty ? nil : $0 })
        }
        ref = try clearable(.ref)
        root = try clearable(.root)
        description = try clearable(.description)
        manualMap = try container.decodeIfPresent(ManualMap.self, forKey: .manualMap)
        trust = try container.decodeIfPresent(String.self, forKey: .trust)
        tags = try container.decodeIfPresent([String].self, forKey: .tags)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        acceptPendingTags = try container.decodeIfPresent(Bool.self, forKey: .acceptPendingTags)
    }

    static let schema = Schema.object([
        "ref": Schema.nullableString, "root": Schema.nullableString, "manual_map": Schema.stringMap,
        "trust": Schema.enumeration(TrustLevel.names), "description": Schema.nullableString, "tags": Schema.strings,
        "name": Schema.string, "accept_pending_tags": Schema.boolean,
    ], required: [])
}
