import Foundation
import SkillMeatStore
import Testing

extension StoreContract {
    static var projectCacheChecks: [Check] {
        [
            Check("project cache: a row reads back as written, a save replaces it whole, the list is by path, delete removes one") { backend in
                let cache = backend.projectCache
                let stamp = Date(timeIntervalSince1970: 1_700_000_000)
                let b = CachedProject(path: "/work/b", refreshedAt: stamp, deploymentsJSON: #"[{"state":"synced"}]"#, discoveryJSON: "[]")
                let a = CachedProject(path: "/work/a", refreshedAt: stamp, deploymentsJSON: "[]", discoveryJSON: #"[{"name":"pdf"}]"#)
                try await cache.saveProject(b)
                try await cache.saveProject(a)
                #expect(try await cache.project(path: "/work/b") == b)
                #expect(try await cache.project(path: "/work/none") == nil)
                #expect(try await cache.projects().map(\.path) == ["/work/a", "/work/b"])

                let later = CachedProject(path: "/work/b", refreshedAt: stamp.addingTimeInterval(60), deploymentsJSON: "[]", discoveryJSON: #"["x"]"#)
                try await cache.saveProject(later)
                #expect(try await cache.project(path: "/work/b") == later)
                #expect(try await cache.projects().count == 2)

                try await cache.deleteProject(path: "/work/a")
                try await cache.deleteProject(path: "/work/none")
                #expect(try await cache.projects() == [later])
            },
        ]
    }
}
