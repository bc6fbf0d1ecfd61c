import Crypto
import Foundation
import Hummingbird
import NIOCore
import Synchronization

extension FakeGitHub {
    /// A response before it becomes a Hummingbird `Response`.
    struct Answer {
        var status: Int
        var body = Data()
        var contentType = "application/json; charset=utf-8"
        var etag: String?
        var location: String?
    }

    func respond(to request: Request) -> Response {
        let path = request.uri.path
        let query = request.uri.query
        let token = Self.bearerToken(request.headers[.authorization])
        let conditionalTags = request.headers[.ifNoneMatch].map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        let accept = request.headers[.accept] ?? ""

        let (answer, rate) = state.withLock { state -> (Answer, (limit: Int, remaining: Int, reset: Date)?) in
            var answer = answerRequest(path: path, query: query, token: token, accept: accept, conditionalTags: conditionalTags, state: &state)
            let isAPI = path.hasPrefix("/repos/")
            if answer.status == 200, let index = state.broken.firstIndex(where: { path.hasPrefix($0.prefix) && $0.remaining > 0 }) {
                state.broken[index].remaining -= 1
                answer.body = answer.body.prefix(answer.body.count / 2)
            }
            state.requests.append(RecordedRequest(
                method: "GET", path: path, query: query, status: answer.status, bearerToken: token, conditional: !conditionalTags.isEmpty
            ))
            return (answer, isAPI ? (state.rateLimit, state.rateRemaining, state.rateReset) : nil)
        }

        var headers: HTTPFields = [.contentType: answer.contentType]
        if let etag = answer.etag { headers[.eTag] = etag }
        if let location = answer.location { headers[.location] = location }
        if let rate {
            Self.set(&headers, "X-RateLimit-Limit", "\(rate.limit)")
            Self.set(&headers, "X-RateLimit-Remaining", "\(rate.remaining)")
            Self.set(&headers, "X-RateLimit-Used", "\(rate.limit - rate.remaining)")
            Self.set(&headers, "X-RateLimit-Reset", "\(Int(rate.reset.timeIntervalSince1970))")
            Self.set(&headers, "X-RateLimit-Resource", "core")
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
        )
    }

    private func answerRequest(path: String, query: String?, token: String?, accept: String, conditionalTags: [String], state: inout State) -> Answer {
        let segments = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }

        // The download host behind the tarball redirect: no rate limit, as on codeload.
        if segments.first == "_codeload" {
            guard segments.count == 5, let repository = state.repositories["\(segments[1])/\(segments[2])".lowercased()],
                  let commit = repository.commits[segments[4]]
            else { return Self.error(404, "Not Found") }
            return Answer(status: 200, body: state.tarballOverrides[commit.sha] ?? commit.tarball, contentType: "application/x-gzip")
        }

        if let index = state.failures.firstIndex(where: { path.hasPrefix($0.prefix) && $0.remaining > 0 }) {
            state.failures[index].remaining -= 1
            return Self.error(state.failures[index].status, "Server Error")
        }
        if let token, !state.validTokens.contains(token) {
            return Self.error(401, "Bad credentials")
        }
        if state.rateRemaining <= 0 {
            return Self.error(403, "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit.)")
        }

        var answer = route(segments, query: query, authorized: token != nil, accept: accept, state: state)
        if answer.status == 200, let etag = answer.etag, conditionalTags.contains(etag) {
            // Not counted against the rate limit, as on GitHub.
            answer = Answer(status: 304, etag: etag)
        } else {
            state.rateRemaining -= 1
        }
        return answer
    }

    private func route(_ segments: [String], query: String?, authorized: Bool, accept: String, state: State) -> Answer {
        guard segments.count >= 3, segments[0] == "repos" else { return Self.error(404, "Not Found") }
        guard let repository = state.repositories["\(segments[1])/\(segments[2])".lowercased()],
              !repository.isPrivate || authorized
        else { return Self.error(404, "Not Found") }
        let rest = Array(segments.dropFirst(3))

        switch rest.first {
        case nil:
            return Self.json([
                "id": 1, "name": repository.name, "full_name": repository.fullName,
                "owner": ["login": repository.owner], "private": repository.isPrivate,
                "default_branch": repository.defaultBranch, "topics": repository.topics,
                "html_url": "https://github.com/\(repository.fullName)",
            ])
        case "topics":
            return Self.json(["names": repository.topics])
        case "commits" where rest.count >= 2:
            let ref = rest.dropFirst().joined(separator: "/")
            if repository.branches.isEmpty { return Self.error(409, "Git Repository is empty.") }
            guard let commit = repository.commit(for: ref) else { return Self.error(422, "No commit found for SHA: \(ref)") }
            if accept.contains("sha") {
                var answer = Answer(status: 200, body: Data(commit.sha.utf8), contentType: "application/vnd.github.sha; charset=utf-8")
                answer.etag = Self.etag(answer.body, "sha")
                return answer
            }
            return Self.json(["sha": commit.sha, "commit": ["tree": ["sha": commit.treeSHA], "message": "commit"]])
        case "git" where rest.count == 3 && rest[1] == "trees":
            return tree(rest[2], recursive: query?.contains("recursive=") == true, repository: repository, truncateAbove: state.truncateTreesAbove)
        case "tarball" where rest.count >= 2:
            let ref = rest.dropFirst().joined(separator: "/")
            guard let commit = repository.commit(for: ref) else { return Self.error(404, "Not Found") }
            var answer = Answer(status: 302)
            // Another host name for the same server, as codeload.github.com is for api.github.com,
            // so clients can show they do not carry the token along.
            let downloadHost = "http://localhost:\(state.baseURL.port ?? 80)"
            answer.location = downloadHost + "/_codeload/\(repository.owner)/\(repository.name)/legacy.tar.gz/\(commit.sha)"
            return answer
        default:
            return Self.error(404, "Not Found")
        }
    }

    private func tree(_ name: String, recursive: Bool, repository: FakeGitHubRepository, truncateAbove: Int?) -> Answer {
        // Like GitHub, a commit id or a branch names its root tree.
        let commit = repository.commit(for: name)
        let treeSHA = commit?.treeSHA ?? name
        guard let owner = commit ?? repository.commits.values.first(where: { $0.trees[treeSHA] != nil }),
              let entries = owner.trees[treeSHA]
        else { return Self.error(404, "Not Found") }

        var listing = recursive ? owner.recursiveListing(of: treeSHA) : entries.map { ($0.name, $0) }
        var truncated = false
        if recursive, let truncateAbove, listing.count > truncateAbove {
            listing = Array(listing.prefix(truncateAbove))
            truncated = true
        }
        let items = listing.map { path, entry in TreeBody.Item(path: path, entry: entry) }
        return Self.json(TreeBody(sha: treeSHA, url: "http://fake/trees/\(treeSHA)", tree: items, truncated: truncated))
    }

    /// GitHub's tree response, typed: a tree of thousands of entries through `JSONSerialization`
    /// (bridged dictionaries, sorted keys) cost the marketplace-scan benchmark a third of its time.
    private struct TreeBody: Encodable {
        /// An entry under its path from the tree's root (its own name is the last part of it).
        struct Item: Encodable {
            var path: String
            var entry: FakeGitHubCommit.TreeEntry

            private enum Key: String, CodingKey { case path, mode, type, sha, size }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(path, forKey: .path)
                try container.encode(entry.mode, forKey: .mode)
                try container.encode(entry.type, forKey: .type)
                try container.encode(entry.sha, forKey: .sha)
                try container.encodeIfPresent(entry.size, forKey: .size)
            }
        }

        var sha: String
        var url: String
        var tree: [Item]
        var truncated: Bool
    }

    // MARK: - Helpers

    private static func json(_ object: [String: Any]) -> Answer {
        answer((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8))
    }

    private static func json(_ value: some Encodable) -> Answer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return answer((try? encoder.encode(value)) ?? Data("{}".utf8))
    }

    private static func answer(_ body: Data) -> Answer {
        Answer(status: 200, body: body, etag: etag(body, "json"))
    }

    private static func error(_ status: Int, _ message: String) -> Answer {
        let body = (try? JSONSerialization.data(withJSONObject: ["message": message, "documentation_url": "https://docs.github.com/rest"])) ?? Data()
        return Answer(status: status, body: body)
    }

    private static func etag(_ body: Data, _ kind: String) -> String {
        var data = Data(kind.utf8)
        data.append(body)
        let hex = Insecure.SHA1.hash(data: data).map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        return "\"\(hex)\""
    }

    private static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        for prefix in ["Bearer ", "token "] where header.hasPrefix(prefix) { return String(header.dropFirst(prefix.count)) }
        return header
    }

    private static func set(_ headers: inout HTTPFields, _ name: String, _ value: String) {
        guard let field = HTTPFields.Element.Name(name) else { return }
        headers[field] = value
    }
}
