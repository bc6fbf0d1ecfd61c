public import Foundation

extension Frontmatter {
    /// Markdown with a frontmatter block of `fields`, in the order given, each value written as a YAML
    /// double-quoted scalar (JSON string syntax), followed by `body`; no block when `fields` is empty.
    /// For deployers that translate a file into another platform's markdown.
    public static func render(_ fields: [(key: String, value: String)], body: String) -> Data {
        var text = ""
        if !fields.isEmpty {
            text = "---\n" + fields.map { "\($0.key): \(JSONValue.string($0.value).description)\n" }.joined() + "---\n\n"
        }
        var trimmed = Substring(body)
        while trimmed.first == "\n" || trimmed.first == "\r" { trimmed = trimmed.dropFirst() }
        text += String(trimmed).trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
        return Data(text.utf8)
    }

    /// Markdown whose frontmatter block holds `lines` as they are (YAML the caller spelled), then a blank
    /// line and `body` trimmed: a subagent for platforms that read markdown subagents (Cursor, Gemini CLI).
    public static func render(lines: [String], body: String) -> String {
        (["---"] + lines + ["---"]).joined(separator: "\n") + "\n\n" + body.trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }

    /// `data` with `key: value` as the first field of its frontmatter (a block is opened when there is
    /// none); unchanged when the frontmatter already sets `key`. For read-back of platforms that take a
    /// field from the file name (an agent's `name`) where the detectors expect it written.
    public static func adding(_ key: String, _ value: String, to data: Data) -> Data {
        let frontmatter = parse(data)
        guard frontmatter[key] == nil else { return data }
        let line = "\(key): \(JSONValue.string(value).description)\n"
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard frontmatter.isPresent, let end = text.firstIndex(of: "\n") else {
            return Data(("---\n" + line + "---\n\n" + text).utf8)
        }
        text.insert(contentsOf: line, at: text.index(after: end))
        return Data(text.utf8)
    }
}
