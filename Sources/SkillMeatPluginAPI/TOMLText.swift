import Foundation

/// TOML spelling of keys and strings, shared by the host's TOML writer and plugins that produce TOML
/// files (the Codex deployer writes agent files) without a TOML library.
public enum TOMLText {
    /// `key` as written in TOML: bare when it can be, quoted otherwise.
    public static func key(_ key: String) -> String {
        let bare = !key.isEmpty && key.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_" || $0 == "-"
        }
        return bare ? key : quote(key)
    }

    /// A TOML basic string literal for `text`.
    public static func quote(_ text: String) -> String {
        "\"" + escaped(text, keepingLineBreaks: false) + "\""
    }

    /// A TOML multi-line basic string for long text (instructions), readable in the file: line breaks
    /// stay line breaks; quotes and backslashes are escaped so the text reads back unchanged.
    public static func multiline(_ text: String) -> String {
        "\"\"\"\n" + escaped(text, keepingLineBreaks: true) + "\"\"\""
    }

    private static func escaped(_ text: String, keepingLineBreaks: Bool) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += keepingLineBreaks ? "\n" : "\\n"
            case "\t": result += keepingLineBreaks ? "\t" : "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += String(format: "\\u%04X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
