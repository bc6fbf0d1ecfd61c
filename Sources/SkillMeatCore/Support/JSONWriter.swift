public import Foundation
public import SkillMeatPluginAPI
import SkillMeatStore

/// Writes JSON text quickly and in one style (two-space indent, keys sorted by the caller): what the
/// CLI's `--json` and the HTTP API send. Foundation's encoder spends most of its time in generic
/// machinery, which made listing a large collection slow; hot types write themselves through
/// `JSONWritable`, everything else goes through `Codable` and `write(_: JSONValue)`.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var depth = 0
    private var needsComma = false
    private let pretty: Bool

    public init(pretty: Bool = true, capacity: Int = 4096) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    public var data: Data { Data(bytes) }

    /// Hands over the bytes written so far and starts an empty buffer, keeping the nesting state, so
    /// a long array can be written out in pieces.
    public mutating func drain() -> [UInt8] {
        let written = bytes
        bytes = []
        bytes.reserveCapacity(written.capacity)
        return written
    }

    /// Makes room for at least `count` more bytes, so large outputs grow their buffer in few steps.
    public mutating func reserve(_ count: Int) {
        if bytes.capacity - bytes.count < count {
            bytes.reserveCapacity(max(bytes.count + count, bytes.capacity * 2))
        }
    }

    public mutating func beginObject() {
        open(UInt8(ascii: "{"))
    }

    public mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        open(UInt8(ascii: "["))
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        depth += 1
        needsComma = false
    }

    public mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    /// Writes `"key": ` inside an object; the value follows.
    public mutating func key(_ key: String) {
        separate()
        appendString(key)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        needsComma = false
        pendingValueAfterKey = true
    }

    public mutating func string(_ value: String) {
        separate()
        appendString(value)
        needsComma = true
    }

    public mutating func int(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    public mutating func double(_ value: Double) {
        separate()
        bytes.append(contentsOf: (value.isFinite ? String(value) : "null").utf8)
        needsComma = true
    }

    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    /// `"key": "value"`, or `"key": null` when the value is nil.
    public mutating func field(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }

    public mutating func field(_ name: String, _ values: [String]) {
        key(name)
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    public mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// Writes any JSON value, objects with sorted keys.
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .int(let number): int(number)
        case .double(let number): double(number)
        case .string(let text), .datetime(let text): string(text)
        case .array(let items):
            beginArray()
            for item in items { write(item) }
            endArray()
        case .object(let object):
            beginObject()
            for name in object.keys.sorted() {
                key(name)
                write(object[name]!)
            }
            endObject()
        }
    }

    // MARK: Layout

    private var pendingValueAfterKey = false

    private mutating func separate() {
        if pendingValueAfterKey {
            pendingValueAfterKey = false
            return
        }
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        if depth > 0, pretty { newline() }
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if needsComma, pretty { newline() }
        bytes.append(bracket)
        needsComma = true
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    private mutating func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { source in
            // Most strings need no escaping at all: one scan, one copy.
            if !source.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                bytes.append(contentsOf: source)
                return
            }
            // Copy runs that need no escaping whole.
            var runStart = 0
            for index in 0..<source.count {
                let byte = source[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index])) }
                runStart = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: "u00".utf8)
                    bytes.append(Self.hex[Int(byte >> 4)])
                    bytes.append(Self.hex[Int(byte & 0x0F)])
                }
            }
            if runStart < source.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
}

/// A type that writes its own JSON, for hot paths; its output must equal its `Encodable` form
/// (a test checks that for every conforming type).
public protocol JSONWritable {
    func writeJSON(to writer: inout JSONWriter)
}

extension JSONWriter {
    /// Writes any `Encodable`: `JSONWritable` values directly, others through Foundation's encoder.
    public mutating func encode<T: Encodable>(_ value: T) throws {
        if let writable = value as? any JSONWritable {
            writable.writeJSON(to: &self)
            return
        }
        if let items = value as? [any JSONWritable] {
            reserve(items.count * 800)
            beginArray()
            for item in items { item.writeJSON(to: &self) }
            endArray()
            return
        }
        let data = try Self.encoder.encode(value)
        write(try JSONValue.parse(data))
    }

    /// Foundation's encoder for values that are not `JSONWritable`: dates as `Timestamp` text, the
    /// form the files and stores use, so a record's `Date` prints the way its file spells it.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.string(date))
        }
        return encoder
    }

    /// The JSON text of `value`.
    public static func text<T: Encodable>(_ value: T, pretty: Bool = true) throws -> String {
        var writer = JSONWriter(pretty: pretty)
        try writer.encode(value)
        return writer.text
    }
}
