/// What a frontmatter block may hold before a YAML reader sees it. Yams composes an alias by sharing the
/// anchored node, so an alias "bomb" costs nothing to compose but grows exponentially when it is
/// converted or hashed (its duplicate-key check hashes every key, aliases included); and Yams composes
/// recursively, so deep nesting exhausts the stack. One pass over the bytes refuses both.
enum YAMLBounds {
    /// Open flow brackets deeper than this, or a line whose indentation and block indicators are longer
    /// than twice this, are refused; real frontmatter nests two or three levels. What passes nests at most
    /// 192 levels, which Yams' recursion and the conversion to `JSONValue` take in their stride.
    static let maximumDepth = 64

    /// Why `yaml` must not be parsed, as words that follow "the frontmatter", or nil when it may be.
    ///
    /// Both counts over-approximate, so nothing YAML would read escapes them: an anchor or alias token is
    /// `&` or `*` followed by a name character (libyaml's letters, digits, `_` and `-`) after white space,
    /// a line start, `:` or a flow indicator, counted even inside quotes; and the depth of a line is its
    /// leading run of spaces and block indicators (`-`, `?`, `:` followed by white space), and flow nesting
    /// counts every bracket, quoted or not.
    static func excess(in yaml: String) -> String? {
        var hasAnchor = false
        var hasAlias = false
        var flowDepth = 0
        var leadingRun = 0
        var atLineStart = true
        var twoBack: UInt8 = 0x0A
        var previous: UInt8 = 0x0A
        for byte in yaml.utf8 {
            if atLineStart {
                // An indicator counts when white space follows it; `----` in a block scalar is text.
                let isSpace = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
                if isSpace || isBlockIndicator(byte) {
                    leadingRun += 1
                    if leadingRun > 2 * maximumDepth { return tooDeep }
                } else {
                    atLineStart = false
                }
                if !isSpace, leadingRun > 0, isBlockIndicator(previous), byte != 0x0A {
                    // The indicator before this byte was not followed by white space.
                    atLineStart = false
                }
            }
            switch byte {
            case 0x0A:
                atLineStart = true
                leadingRun = 0
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flowDepth += 1
                if flowDepth > maximumDepth { return tooDeep }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flowDepth = max(0, flowDepth - 1)
            default:
                if isNameCharacter(byte), isTokenBoundary(twoBack) {
                    if previous == UInt8(ascii: "&") { hasAnchor = true }
                    if previous == UInt8(ascii: "*") { hasAlias = true }
                    if hasAnchor, hasAlias { return "uses YAML anchors and aliases (&name, *name)" }
                }
            }
            twoBack = previous
            previous = byte
        }
        return nil
    }

    private static let tooDeep = "nests deeper than \(maximumDepth) levels"

    private static func isBlockIndicator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ":")
    }

    private static func isNameCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"): true
        default: false
        }
    }

    private static func isTokenBoundary(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x0A, UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","): true
        default: false
        }
    }
}
