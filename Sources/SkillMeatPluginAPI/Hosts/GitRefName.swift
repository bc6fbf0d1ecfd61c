/// The parts of git's ref-name rules that matter for safety and for building a URL path, shared by
/// every hosted source's reference parsing.
public enum GitRefName {
    /// Whether `ref` may name a branch, tag or commit.
    public static func isValid(_ ref: String) -> Bool {
        guard !ref.isEmpty, ref.count <= 255, !ref.hasPrefix("-"), !ref.hasPrefix("/"), !ref.hasSuffix("/"),
              !ref.contains(".."), !ref.contains("//"), !ref.contains("@{") else { return false }
        let forbidden: Set<Unicode.Scalar> = [" ", "~", "^", ":", "?", "*", "[", "\\"]
        return !ref.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || forbidden.contains($0) }
    }

    /// Splits URL path segments that start with a ref (`main/skills/pdf`) into the ref and the rest.
    /// The first segment is the ref, unless `explicitRef` (which may hold `/`) is what they start with.
    /// Nil when there is no segment or the ref is not a valid name.
    public static func leading(_ segments: [String], explicitRef: String?) -> (ref: String, rest: [String])? {
        var rest = segments
        guard !rest.isEmpty else { return nil }
        let ref: String
        if let explicitRef, case let parts = explicitRef.split(separator: "/").map(String.init), !parts.isEmpty, rest.starts(with: parts) {
            ref = explicitRef
            rest.removeFirst(parts.count)
        } else {
            ref = rest.removeFirst()
        }
        return isValid(ref) ? (ref, rest) : nil
    }
}
