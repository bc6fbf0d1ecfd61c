import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatStore

/// JSON Schema pieces for the OpenAPI document, and the named schemas of every body the API reads
/// or writes. Field names follow the core's output types (their CodingKeys), which the tests check
/// against real responses.
enum Schema {
    static let string = JSONValue.object(["type": .string("string")])
    static let integer = JSONValue.object(["type": .string("integer")])
    static let boolean = JSONValue.object(["type": .string("boolean")])
    static let nullableString = JSONValue.object(["type": .array([.string("string"), .string("null")])])
    static let strings = array(string)
    static let stringMap = JSONValue.object(["type": .string("object"), "additionalProperties": string])
    static let integerMap = JSONValue.object(["type": .string("object"), "additionalProperties": integer])
    static let anyObject = JSONValue.object(["type": .string("object")])
    /// Any JSON value, left out when null (a declaration as its source file wrote it).
    static let nullableAny = JSONValue.object(["description": .string("any JSON value")])

    static func array(_ items: JSONValue) -> JSONValue {
        .object(["type": .string("array"), "items": items])
    }

    static func ref(_ name: String) -> JSONValue {
        .object(["$ref": .string("#/components/schemas/\(name)")])
    }

    static func nullable(_ schema: JSONValue) -> JSONValue {
        .object(["oneOf": .array([schema, .object(["type": .string("null")])])])
    }

    static func enumeration(_ values: [String]) -> JSONValue {
        .object(["type": .string("string"), "enum": .array(values.map { .string($0) })])
    }

    /// A string that is one of a closed set's raw values.
    static func enumeration<Choice: RawRepresentable & CaseIterable>(of _: Choice.Type) -> JSONValue where Choice.RawValue == String {
        enumeration(Choice.allCases.map(\.rawValue))
    }

    /// An object with these properties; `required` defaults to every property.
    static func object(_ properties: [String: JSONValue], required: [String]? = nil) -> JSONValue {
        .object([
            "type": .string("object"),
            "properties": .object(properties),
            "required": .array((required ?? properties.keys.sorted()).map { .string($0) }),
        ])
    }

    /// An object whose null fields are left out (the core types with synthesized `Encodable`):
    /// only the fields that are never null are required.
    static func objectOmittingNulls(_ properties: [String: JSONValue]) -> JSONValue {
        object(properties, required: properties.filter { $0.value != nullableString && $0.value != nullableAny }.keys.sorted())
    }

    /// A page of `item`s: `{"items": [...], "next_cursor": "..." | null}`.
    static func page(of item: String) -> JSONValue {
        object(["items": array(ref(item)), "next_cursor": nullableString])
    }

    /// A batch over several sources (`SourceBatch`): each source's `source_id`, `success`, `status` and
    /// `error` beside what was done (`outcome`, present when it succeeded), and the totals.
    static func batch(of outcome: [String: JSONValue]) -> JSONValue {
        let result = object(outcome.merging([
            "source_id": string, "success": boolean, "status": enumeration(of: SourceBatchStatus.self), "error": string,
        ]) { $1 }, required: ["source_id", "success", "status"])
        return object([
            "results": array(result), "total_count": integer, "succeeded_count": integer, "failed_count": integer, "skipped_count": integer,
        ])
    }

    /// A marketplace source's fields (`MarketplaceSourceRecord`).
    static let sourceProperties: [String: JSONValue] = [
        "id": string, "name": string, "location": string, "ref": nullableString, "root": nullableString, "manual_map": stringMap,
        "trust": enumeration(TrustLevel.names), "description": nullableString, "tags": strings, "pending_tags": strings, "provider": nullableString,
        "created_at": string, "updated_at": string, "last_scan_at": nullableString, "last_commit": nullableString,
        "last_error": nullableString, "artifact_count": integer,
    ]

    /// A tag refresh's counts (`TagRefresh`).
    static let tagCounts: [String: JSONValue] = ["tags_found": integer, "tags_added": integer, "tags_updated": integer]

    /// A project cache refresh's fields (`ProjectCacheRefresh`).
    static let projectCacheRefresh: [String: JSONValue] = [
        "projects": array(object([
            "project_id": string, "path": string, "status": enumeration(["refreshed", "fresh", "failed"]), "error": nullableString,
        ])),
        "refreshed_count": integer, "fresh_count": integer, "failed_count": integer, "duration_seconds": .object(["type": .string("number")]),
    ]

    /// The named schemas (`#/components/schemas/...`).
    static let components: [String: JSONValue] = [
        "Error": object(["detail": string, "hint": ref("Hint")], required: ["detail"]),
        "Hint": Hint.schema,
        "Health": object(["status": string, "version": string]),
        "Project": object(["id": string, "path": string, "scope": enumeration(of: DeploymentScope.self), "added": string]),
        "Plugin": object([
            "id": string, "kind": string, "name": string, "module": string, "type": string, "summary": string,
            "enabled": boolean, "reason": string, "default_enabled": boolean, "disabled_reason": nullableString, "enable_hint": nullableString,
        ]),
        "Artifact": object([
            "id": string, "name": string, "type": string, "collection": string, "path": string, "origin": string,
            "origin_source": nullableString, "upstream": nullableString, "title": nullableString, "description": nullableString,
            "tags": strings, "author": nullableString, "license": nullableString, "version": nullableString, "tools": strings,
            "content_hash": nullableString, "resolved_sha": nullableString, "resolved_version": nullableString,
            "import_id": nullableString, "added": nullableString, "last_updated": nullableString, "deployments": array(ref("DeploymentSummary")),
            "source": nullable(object(["source_id": string, "entry_id": string])), "synced_at": string, "missing": boolean,
        ]),
        "DeploymentSummary": object([
            "project_path": string, "project_name": string, "deployed_at": string, "content_hash": string, "deployment_profile_id": string,
            "local_modifications": .object(["type": .array([.string("boolean"), .string("null")])]), "platform": string,
            "profile": string, "scope": enumeration(of: DeploymentScope.self), "deployed_name": string,
        ], required: ["project_path", "project_name", "deployed_at", "content_hash", "deployment_profile_id", "local_modifications", "platform"]),
        "Outdated": object([
            "collection": string,
            "items": array(object([
                "kind": enumeration(["collection_vs_upstream", "project_vs_collection"]), "artifact": string, "collection": string,
                "state": enumeration(["outdated", "removed_upstream", "conflict"]), "current_hash": nullableString, "latest_hash": nullableString,
                "project_path": nullableString, "profile": nullableString, "scope": nullableString, "source_id": nullableString,
                "catalog_scanned_at": nullableString, "action": string,
            ])),
            "catalogs": array(object(["source_id": string, "scanned_at": nullableString, "age_seconds": .object(["type": .array([.string("integer"), .string("null")])])])),
        ]),
        "SyncReport": object([
            "project": string, "collection": string, "dry_run": boolean, "frozen": boolean, "applied": boolean, "in_sync": boolean,
            "changes": array(object([
                "kind": enumeration(["import", "deploy", "update", "undeploy", "lock"]), "artifact": string, "profile": nullableString,
                "scope": nullableString, "detail": string,
            ])),
            "problems": strings, "skipped": integer,
        ]),
        "ArtifactDetail": object(["artifact": ref("Artifact"), "location": string, "files": strings, "missing": boolean, "modified": boolean]),
        "CollectionSummary": object(["name": string, "active": boolean, "artifacts": integer, "path": string, "counts_by_type": integerMap]),
        "UpdateReport": object([
            "items": array(object([
                "artifact": string, "status": enumeration(["up_to_date", "update_available", "updated", "modified_locally", "no_upstream", "failed", "not_started"]),
                "upstream_hash": nullableString, "locked_hash": nullableString, "local_hash": nullableString, "message": string,
            ], required: ["artifact", "status", "message"])),
            "snapshot": nullableString,
        ], required: ["items"]),
        "CollectionRemoval": object(["collection": string, "snapshot": string, "catalog_entries_reset": integer]),
        "Source": objectOmittingNulls(sourceProperties),
        "SourceDetail": object(["source": ref("Source"), "counts": object(["counts_by_status": integerMap, "counts_by_type": integerMap])]),
        "ScanReport": object([
            "source_id": string, "commit": nullableString, "artifacts_found": integer, "new_count": integer, "updated_count": integer,
            "removed_count": integer, "unchanged_count": integer, "duplicates_within_source": integer, "duplicates_cross_source": integer,
            "total_detected": integer, "total_unique": integer, "scan_duration_ms": integer, "scanned_at": string, "upstream_changes": strings,
            "requests": nullable(object(["requests": integer, "not_modified": integer, "failed": integer, "cached": integer, "unmetered": integer])),
            "diagnostics": array(object(["severity": string, "path": nullableString, "message": string, "plugin": nullableString], required: ["severity", "message"])),
        ]),
        "SourceScan": object(["source": ref("Source"), "scan": ref("ScanReport"), "error": string], required: ["source"]),
        "InferredSource": objectOmittingNulls(["provider": string, "location": string, "ref": nullableString, "root": nullableString, "suggested_name": string]),
        "CatalogEntry": object([
            "id": string, "source_id": string, "artifact_type": enumeration(of: ArtifactType.self), "name": string, "detected_name": string, "import_name": string,
            "path": string, "upstream_url": nullableString, "detected_sha": nullableString, "detected_version": nullableString,
            "detected_at": string, "content_hash": string, "confidence_score": integer, "reasons": strings,
            "score_breakdown": object(["confidence_score": integer, "reasons": strings]),
            "status": enumeration(CatalogStatus.names), "import_id": nullableString, "import_date": nullableString,
            "artifact_id": nullableString, "imported_as": nullableString, "imported_hash": nullableString,
            "excluded_reason": nullableString, "excluded_at": nullableString, "metadata": anyObject, "declaration": nullableAny,
            "description": nullableString, "tags": strings, "author": string, "license": string, "version": string,
            "tools": strings, "files": strings, "duplicates": strings, "first_seen": string, "last_seen": string,
        ], required: [
            "id", "source_id", "artifact_type", "name", "detected_name", "import_name", "path", "upstream_url", "detected_sha", "detected_version",
            "detected_at", "content_hash", "confidence_score", "reasons", "score_breakdown", "status", "import_id", "import_date",
            "artifact_id", "imported_as", "imported_hash", "excluded_reason", "excluded_at", "metadata", "description", "tags",
            "tools", "files", "duplicates", "first_seen", "last_seen",
        ]),
        "CatalogList": object([
            "entries": array(ref("CatalogEntry")), "total": integer, "page": .object(["type": .array([.string("integer"), .string("null")])]),
            "page_size": .object(["type": .array([.string("integer"), .string("null")])]),
            "counts_by_status": integerMap, "counts_by_type": integerMap, "next_cursor": nullableString,
        ]),
        "EntryFiles": object([
            "entry_id": string, "source_id": string, "commit": nullableString,
            "entries": array(object(["path": string, "type": enumeration(["file", "directory"]), "size": integer], required: ["path", "type"])),
            "files": array(object(["path": string, "size": .object(["type": .array([.string("integer"), .string("null")])]), "executable": boolean])),
        ]),
        "EntryFile": object([
            "entry_id": string, "path": string, "size": integer, "original_size": integer, "encoding": enumeration(["utf-8", "base64"]),
            "content": string, "truncated": boolean, "cached": boolean, "cache_age_seconds": .object(["type": .array([.string("integer"), .string("null")])]),
        ]),
        "ImportBatch": object([
            "import_id": string, "collection": string,
            "total_count": integer, "imported_count": integer, "skipped_count": integer, "failed_count": integer, "not_started_count": integer,
            "results": array(object([
                "entry_id": string, "success": boolean,
                "status": enumeration(["imported", "renamed", "overwritten", "skipped", "failed", "not_started"]),
                "artifact_id": nullableString, "import_date": nullableString, "message": string, "error": nullableString,
            ])),
        ]),
        "Reimport": object(["success": boolean, "artifact_id": string, "message": string, "deployments_restored": integer]),
        "SourceTagRefresh": objectOmittingNulls(sourceProperties.merging(tagCounts) { $1 }),
        "TagRefreshBatch": batch(of: tagCounts.merging(["source": ref("Source")]) { $1 }),
        "RescanBatch": batch(of: ["source": ref("Source"), "scan": ref("ScanReport")]),
        "CollectionRefresh": object(["collection": string, "refreshed": strings]),
        "DeploymentStatus": objectOmittingNulls([
            "project_path": string, "profile": string, "scope": enumeration(of: DeploymentScope.self), "artifact": string, "collection": string,
            "deployed_name": nullableString, "deployed_at": string, "state": enumeration(of: DriftState.self), "recorded_hash": string,
            "collection_hash": nullableString, "changed": strings, "missing": strings,
        ]),
        "DiscoveredArtifact": objectOmittingNulls([
            "name": string, "type": enumeration(of: ArtifactType.self), "profile": string, "path": string,
            "status": enumeration(["managed", "in_collection", "unmanaged"]), "match": nullableString, "collection_name": nullableString,
            "content_hash": nullableString, "files": strings, "entries": strings,
        ]),
        "ProjectOverview": object([
            "id": string, "path": string, "name": string, "scope": enumeration(of: DeploymentScope.self), "added": string, "exists": boolean,
            "deployments": array(ref("DeploymentStatus")), "drift": object(Dictionary(uniqueKeysWithValues: DriftState.allCases.map { ($0.rawValue, integer) })),
            "discovered": array(ref("DiscoveredArtifact")), "refreshed_at": nullableString, "cached": boolean,
        ]),
        "ProjectCacheRefresh": object(projectCacheRefresh),
        "CacheRefresh": object(projectCacheRefresh.merging(["collections": integerMap]) { $1 }),
        "UpstreamRefresh": object([
            "collection": string, "mode": enumeration(of: UpstreamRefresh.Mode.self), "dry_run": boolean,
            "refreshed_count": integer, "unchanged_count": integer, "skipped_count": integer,
            "skipped": array(object(["artifact_id": string, "error": string])), "errors": array(object(["artifact_id": string, "error": string])),
            "duration_seconds": .object(["type": .string("number")]),
            "changes": array(object([
                "artifact_id": string, "field": enumeration(of: UpstreamRefresh.Field.self),
                "old": .object(["description": .string("the collection's value: text, a list of text, or null")]),
                "new": .object(["description": .string("upstream's value: text, a list of text, or null")]),
            ])),
            "updates": nullable(array(object([
                "artifact": string, "status": string, "upstream_hash": nullableString, "locked_hash": nullableString,
                "local_hash": nullableString, "message": string,
            ], required: ["artifact", "status", "message"]))),
            "snapshot_id": nullableString,
        ]),
        "RefreshRollback": object([
            "collection": string, "snapshot_id": string, "safety_snapshot_id": string, "scope": enumeration(of: SnapshotStore.Scope.self),
        ]),
        "CacheStats": object([
            "database_path": string, "database_bytes": integer, "artifacts_by_collection": integerMap, "last_sync_by_collection": stringMap,
        ]),
    ]
}
