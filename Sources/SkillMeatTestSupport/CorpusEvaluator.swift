public import SkillMeatPluginAPI

/// Precision, recall and F1 of detections against the corpus labels.
///
/// Matching rule (the corpus README's suggestion, made exact):
/// - paths are compared normalised (no leading `./`, no trailing `/`);
/// - a detection matches a label of the same type and path; MCP servers must also match the name;
/// - a hook reported at the folder holding a labelled `hooks.json` (e.g. `plugins/x/hooks`) matches it;
/// - a detection that hits an ambiguous item (same type and path) is neutral, and ambiguous items are
///   never misses;
/// - each label is matched at most once: a second detection of it is a false positive.
public enum CorpusEvaluator {
    /// Counts for one type (or one repository and type).
    public struct Score: Sendable, Hashable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0

        public init() {}

        public var precision: Double {
            truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
        }
        public var recall: Double {
            truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
        }
        public var f1: Double {
            precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        }

        static func + (lhs: Score, rhs: Score) -> Score {
            var sum = Score()
            sum.truePositives = lhs.truePositives + rhs.truePositives
            sum.falsePositives = lhs.falsePositives + rhs.falsePositives
            sum.falseNegatives = lhs.falseNegatives + rhs.falseNegatives
            return sum
        }
    }

    /// A detection or label that did not match, for the report.
    public struct Miss: Sendable, Hashable, CustomStringConvertible {
        public var repository: String
        public var type: ArtifactType
        public var path: String
        public var name: String
        public var description: String { "\(repository)\t\(type.rawValue)\t\(path)\t\(name)" }
    }

    /// The evaluation of one repository.
    public struct RepositoryResult: Sendable {
        public var slug: String
        public var scores: [ArtifactType: Score]
        public var falsePositives: [Miss]
        public var falseNegatives: [Miss]
    }

    /// The evaluation of the whole corpus.
    public struct Result: Sendable {
        public var repositories: [RepositoryResult]

        public init(repositories: [RepositoryResult]) {
            self.repositories = repositories
        }

        /// Scores summed over every repository, per type.
        public var scores: [ArtifactType: Score] {
            var total: [ArtifactType: Score] = [:]
            for repository in repositories {
                for (type, score) in repository.scores { total[type, default: Score()] = total[type, default: Score()] + score }
            }
            return total
        }

        public var falsePositives: [Miss] { repositories.flatMap(\.falsePositives) }
        public var falseNegatives: [Miss] { repositories.flatMap(\.falseNegatives) }

        /// A plain-text table: per type, then per repository and type, then every miss.
        public func report() -> String {
            func row(_ label: String, _ score: Score) -> String {
                let numbers = [score.truePositives, score.falsePositives, score.falseNegatives].map { String($0).leftPadded(5) }.joined(separator: " ")
                let ratios = [score.precision, score.recall, score.f1].map { formatRatio($0) }.joined(separator: "  ")
                return label.rightPadded(52) + numbers + "  " + ratios
            }
            var lines = ["type / repository".rightPadded(52) + "   TP    FP    FN  precision recall F1"]
            let total = scores
            for type in ArtifactType.allCases { lines.append(row(type.rawValue, total[type] ?? Score())) }
            lines.append("")
            for repository in repositories {
                for type in ArtifactType.allCases {
                    guard let score = repository.scores[type], score != Score() else { continue }
                    lines.append(row("\(repository.slug) \(type.rawValue)", score))
                }
            }
            if !falsePositives.isEmpty { lines.append("\nfalse positives:"); lines += falsePositives.map(\.description) }
            if !falseNegatives.isEmpty { lines.append("\nfalse negatives:"); lines += falseNegatives.map(\.description) }
            return lines.joined(separator: "\n")
        }
    }

    public static func normalise(_ path: String) -> String {
        var text = path
        while text.hasPrefix("./") { text.removeFirst(2) }
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// Scores `detected` against `repository`'s labels.
    public static func evaluate(_ repository: CorpusRepository, detected: [DetectedArtifact]) -> RepositoryResult {
        func key(_ type: ArtifactType, _ path: String, _ name: String) -> String {
            type == .mcpServer ? "\(type.rawValue)\u{0}\(path)\u{0}\(name)" : "\(type.rawValue)\u{0}\(path)"
        }
        var labelKeys: [String: CorpusLabel] = [:]
        for label in repository.labels {
            labelKeys[key(label.type, normalise(label.path), label.name)] = label
        }
        let ambiguousKeys = Set(repository.ambiguous.map { "\($0.type.rawValue)\u{0}\(normalise($0.path))" })

        var scores: [ArtifactType: Score] = [:]
        var matched: Set<String> = []
        var falsePositives: [Miss] = []
        for artifact in detected {
            let path = normalise(artifact.path.string)
            var candidates = [key(artifact.type, path, artifact.name)]
            if artifact.type == .hook { candidates.append(key(.hook, path.isEmpty ? "hooks.json" : path + "/hooks.json", artifact.name)) }
            if let hit = candidates.first(where: { labelKeys[$0] != nil }) {
                if matched.insert(hit).inserted {
                    scores[artifact.type, default: Score()].truePositives += 1
                } else {
                    scores[artifact.type, default: Score()].falsePositives += 1
                    falsePositives.append(Miss(repository: repository.slug, type: artifact.type, path: path, name: artifact.name + " (duplicate)"))
                }
                continue
            }
            if ambiguousKeys.contains("\(artifact.type.rawValue)\u{0}\(path)") { continue }
            scores[artifact.type, default: Score()].falsePositives += 1
            falsePositives.append(Miss(repository: repository.slug, type: artifact.type, path: path, name: artifact.name))
        }
        var falseNegatives: [Miss] = []
        for (labelKey, label) in labelKeys.sorted(by: { $0.key < $1.key }) where !matched.contains(labelKey) {
            scores[label.type, default: Score()].falseNegatives += 1
            falseNegatives.append(Miss(repository: repository.slug, type: label.type, path: normalise(label.path), name: label.name))
        }
        return RepositoryResult(slug: repository.slug, scores: scores, falsePositives: falsePositives, falseNegatives: falseNegatives)
    }

    static func formatRatio(_ value: Double) -> String {
        let scaled = Int((value * 10_000).rounded())
        let text = "\(scaled / 10_000).\(String(scaled % 10_000).leftPadded(4, with: "0"))"
        return text.rightPadded(9)
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = " ") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }

    func rightPadded(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
