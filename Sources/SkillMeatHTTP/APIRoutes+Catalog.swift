import Foundation
import Hummingbird
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatStore

extension APIRoutes {
    static let entryID = APIParameter.path("entry", "A catalog entry id (or a unique id prefix) of this source, or the entry's path in the source, percent-encoded (skills%2Fpdf).")
    static let collectionQuery = APIParameter.query("collection", "The collection (default: collection.default).")
    /// Files larger than this are cut off in the file view, with `truncated` set.
    static let maxFileBytes = 256 * 1024

    var catalogRoutes: [APIRoute] {
        let entryPath = Self.sourcesPath + "/{id}/artifacts/{entry}"
        return [
            APIRoute(
                method: .get, path: Self.sourcesPath + "/{id}/artifacts",
                operation: APIOperation(
                    id: "listCatalog", tag: "catalog",
                    summary: "A source's catalog, filtered and sorted, a page at a time, with counts by status and type.",
                    parameters: [
                        Self.sourceID,
                        .query("status", Schema.enumeration(CatalogStatus.names), "Only these statuses (comma-separated or repeated)."),
                        .query("artifact_type", Schema.enumeration(ArtifactType.allCases.map(\.rawValue)), "Only this type."),
                        .query("type", Schema.enumeration(ArtifactType.allCases.map(\.rawValue)), "Only this type (an alias of artifact_type)."),
                        .query("min_confidence", .object(["type": .string("integer"), "minimum": .int(0), "maximum": .int(100)]), "Only entries at least this confident."),
                        .query("search", "Only entries whose name, path or description contain this text."),
                        .query("include_excluded", Schema.boolean, "Include excluded entries."),
                        .query("sort", Schema.enumeration(CatalogQuery.Sort.allCases.map(\.rawValue)), "confidence, name (default) or date."),
                        .query("page", .object(["type": .string("integer"), "minimum": .int(1), "default": .int(1)]), "The page number, from 1 (instead of cursor)."),
                        .query("page_size", .object(["type": .string("integer"), "minimum": .int(1), "maximum": .int(500), "default": .int(50)]), "Entries per page (limit is an alias)."),
                    ] + Self.listParameters.suffix(2),
                    response: Schema.ref("CatalogList"), errors: [400, 404, 503]
                )
            ) { [services] request, context in
                let marketplace = try services.marketplace()
                let source = try await marketplace.requireSource(try Self.pathParameter("id", context))
                return try APIBody.json(try await marketplace.catalogPage(try Self.catalogQuery(request, sourceID: source.id)))
            },
            APIRoute(
                method: .get, path: entryPath,
                operation: APIOperation(
                    id: "getCatalogEntry", tag: "catalog", summary: "One catalog entry, excluded ones included (a link to an entry works whatever its state).",
                    parameters: [Self.sourceID, Self.entryID], response: Schema.ref("CatalogEntry"), errors: [400, 404, 503]
                )
            ) { [services] _, context in
                let marketplace = try services.marketplace()
                return try APIBody.json(try await marketplace.output(try await Self.entry(context, marketplace)))
            },
            APIRoute(
                method: .patch, path: entryPath,
                operation: APIOperation(
                    id: "renameCatalogEntry", tag: "catalog",
                    summary: "Give an entry a name of its own (validated as an artifact name of its type); import uses it and rescans keep it.",
                    parameters: [Self.sourceID, Self.entryID], body: Schema.object(["name": Schema.string]), bodyRequired: true,
                    response: Schema.ref("CatalogEntry"), errors: [400, 404, 409, 422, 503]
                )
            ) { [services] request, context in
                let body = try await APIBody.decode(RenameBody.self, from: request, context: context)
                let marketplace = try services.marketplace()
                let entry = try await Self.entry(context, marketplace)
                return try APIBody.json(try await marketplace.output(try await marketplace.rename(entry.id, to: body.name)))
            },
            APIRoute(
                method: .patch, path: entryPath + "/exclude",
                operation: APIOperation(
                    id: "excludeCatalogEntry", tag: "catalog", summary: "Hide a catalog entry, with an optional reason.",
                    parameters: [Self.sourceID, Self.entryID], body: Schema.object(["reason": Schema.string], required: []),
                    response: Schema.ref("CatalogEntry"), errors: [400, 404, 422, 503]
                )
            ) { [services] request, context in
                let body = try await APIBody.decode(ExcludeBody.self, from: request, context: context)
                let marketplace = try services.marketplace()
                let entry = try await Self.entry(context, marketplace)
                return try APIBody.json(try await marketplace.output(try await marketplace.exclude(entry.id, reason: body.reason)))
            },
            APIRoute(
                method: .delete, path: entryPath + "/exclude",
                operation: APIOperation(
                    id: "restoreCatalogEntry", tag: "catalog", summary: "Bring an excluded entry back: imported if it had been imported, else new.",
                    parameters: [Self.sourceID, Self.entryID], response: Schema.ref("CatalogEntry"), errors: [400, 404, 503]
                )
            ) { [services] _, context in
                let marketplace = try services.marketplace()
                return try APIBody.json(try await marketplace.output(try await marketplace.restore(try await Self.entry(context, marketplace).id)))
            },
            APIRoute(
                method: .get, path: entryPath + "/files",
                operation: APIOperation(
                    id: "listCatalogEntryFiles", tag: "catalog",
                    summary: "The files of a catalog entry, read through its source at the scanned commit: entries (path relative to the artifact, type file or directory) and files (paths in the source).",
                    parameters: [Self.sourceID, Self.entryID], response: Schema.ref("EntryFiles"), errors: [400, 403, 404, 429, 502, 503]
                )
            ) { [services] _, context in
                let marketplace = try services.marketplace()
                return try APIBody.json(try await marketplace.files(of: try await Self.entry(context, marketplace)))
            },
            APIRoute(
                method: .get, path: entryPath + "/files/**",
                operation: APIOperation(
                    id: "getCatalogEntryFile", tag: "catalog",
                    summary: "One file of a catalog entry (path as the file list gives it); text as UTF-8, other bytes as base64, cut at 256 KiB with truncated set.",
                    parameters: [Self.sourceID, Self.entryID, .path("path", "The file's path relative to the artifact (as entries lists it) or in the source (as files lists it).")],
                    response: Schema.ref("EntryFile"), errors: [400, 403, 404, 429, 502, 503]
                )
            ) { [services] _, context in
                let marketplace = try services.marketplace()
                let entry = try await Self.entry(context, marketplace)
                let path = context.parameters.getCatchAll().map { $0.removingPercentEncoding ?? String($0) }.joined(separator: "/")
                return try APIBody.json(try await marketplace.file(path, of: entry, maxBytes: Self.maxFileBytes))
            },
            APIRoute(
                method: .post, path: Self.sourcesPath + "/{id}/import",
                operation: APIOperation(
                    id: "importCatalogEntries", tag: "catalog",
                    summary: "Import entries of this source into a collection; each entry on its own, so one failure (an unknown id included) leaves the others imported.",
                    parameters: [Self.sourceID],
                    body: Schema.object([
                        "entry_ids": Schema.strings, "conflict_strategy": Schema.enumeration(of: ConflictStrategyName.self), "collection": Schema.string,
                    ], required: ["entry_ids"]),
                    bodyRequired: true, response: Schema.ref("ImportBatch"), errors: [400, 404, 422, 503]
                )
            ) { [services] request, context in
                let body = try await APIBody.decode(ImportBody.self, from: request, context: context)
                guard !body.entryIDs.isEmpty else { throw APIError(status: .badRequest, detail: "entry_ids is empty; name the entries to import.") }
                let service = try services.imports(collection: body.collection)
                let source = try await service.marketplace.requireSource(try Self.pathParameter("id", context))
                // An unknown id (or one of another source) fails that entry alone, as SkillMeat's batch does.
                return try APIBody.json(try await service.importEntries(
                    body.entryIDs, of: source.id, strategy: try Self.choice(body.conflictStrategy, field: "conflict_strategy") ?? .skip
                ))
            },
            APIRoute(
                method: .post, path: Self.sourcesPath + "/{id}/entries/{entry}/reimport",
                operation: APIOperation(
                    id: "reimportCatalogEntry", tag: "catalog",
                    summary: "Replace an imported artifact from upstream whatever state its copy is in, as a new import (import_id, import_date); keep_deployments keeps its deployment records. A failure is an error status with detail.",
                    parameters: [Self.sourceID, Self.entryID],
                    body: Schema.object(["keep_deployments": Schema.boolean, "collection": Schema.string], required: []),
                    response: Schema.ref("Reimport"), errors: [400, 404, 409, 422, 429, 502, 503]
                )
            ) { [services] request, context in
                let body = try await APIBody.decode(ReimportBody.self, from: request, context: context)
                let service = try services.imports(collection: body.collection)
                let entry = try await Self.entry(context, service.marketplace)
                return try APIBody.json(try await service.reimport(entry.id, keepDeployments: body.keepDeployments ?? false))
            },
        ]
    }

    /// The entry named in the path, which must belong to the source named in the path.
    static func entry(_ context: APIRequestContext, _ marketplace: MarketplaceService) async throws -> CatalogEntryRecord {
        let source = try await marketplace.requireSource(try pathParameter("id", context))
        return try await entry(try pathParameter("entry", context), of: source.id, marketplace)
    }

    /// `reference` is an entry id, a unique id prefix, or (as SkillMeat addresses them) the entry's
    /// path in the source, percent-encoded into the one segment (`skills%2Fpdf`).
    static func entry(_ reference: String, of sourceID: String, _ marketplace: MarketplaceService) async throws -> CatalogEntryRecord {
        let decoded = reference.removingPercentEncoding ?? reference
        // An id or id prefix (never with a slash), else a path of this source; the id's error if neither.
        let entry: CatalogEntryRecord
        if !decoded.contains("/"), let byID = try? await marketplace.entry(decoded) {
            entry = byID
        } else if let byPath = try? await marketplace.entry(sourceID + ":" + decoded) {
            entry = byPath
        } else {
            entry = try await marketplace.entry(decoded)
        }
        guard entry.sourceID == sourceID else {
            throw APIError(status: .notFound, detail: "The source '\(sourceID)' has no catalog entry '\(reference)'; it belongs to '\(entry.sourceID)'.")
        }
        return entry
    }

    static func catalogQuery(_ request: Request, sourceID: String) throws -> CatalogQuery {
        let query = QueryParameters(request: request)
        var statuses: Set<CatalogStatus> = []
        for raw in query.all("status") {
            guard let status = CatalogStatus(rawValue: raw) else {
                throw APIError(status: .badRequest, detail: "'\(raw)' is not a status; use \(CatalogStatus.names.joined(separator: ", ")).")
            }
            statuses.insert(status)
        }
        let type = try query.artifactType("artifact_type") ?? query.artifactType("type")
        var sort = CatalogQuery.Sort.name
        if let raw = query.string("sort") {
            guard let parsed = CatalogQuery.Sort(rawValue: raw) else {
                throw APIError(status: .badRequest, detail: "sort takes confidence, name or date.")
            }
            sort = parsed
        }
        let pageSize = try query.int("page_size", in: 1...500) ?? query.limit()
        let cursor = query.string("cursor")
        let page = try query.int("page", in: 1...Int(Int32.max)) ?? 1
        if cursor != nil, query.string("page") != nil {
            throw APIError(status: .badRequest, detail: "Use page or cursor, not both.")
        }
        return CatalogQuery(
            sourceID: sourceID, statuses: statuses, type: type, minConfidence: try query.int("min_confidence", in: 0...100),
            search: query.string("search"), includeExcluded: try query.bool("include_excluded") ?? false, sort: sort,
            limit: pageSize, after: cursor, offset: (page - 1) * pageSize
        )
    }
}

struct RenameBody: Decodable {
    var name: String
}

struct ExcludeBody: Decodable {
    var reason: String?
}

struct ImportBody: Decodable {
    var entryIDs: [String]
    var conflictStrategy: String?
    var collection: String?

    enum CodingKeys: String, CodingKey {
        case collection
        case entryIDs = "entry_ids"
        case conflictStrategy = "conflict_strategy"
    }
}

struct ReimportBody: Decodable {
    var keepDeployments: Bool?
    var collection: String?

    enum CodingKeys: String, CodingKey {
        case collection
        case keepDeployments = "keep_deployments"
    }
}
