public import Foundation
import SkillMeatPluginAPI

/// One member of a fake tarball, written as given (so tests can add unsafe names on purpose).
public struct FakeTarEntry: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case file(Data)
        case directory
        case symlink(target: String)
    }

    public var name: String
    public var kind: Kind
    public var mode: Int

    public init(name: String, kind: Kind, mode: Int? = nil) {
        self.name = name
        self.kind = kind
        if let mode {
            self.mode = mode
        } else if case .directory = kind {
            self.mode = 0o755
        } else {
            self.mode = 0o644
        }
    }
}

/// Writes POSIX ustar archives with pax headers for long names, like `git archive` does.
public struct FakeTarWriter: Sendable {
    private(set) var data = Data()

    public init() {}

    /// A pax global header carrying the commit id, as GitHub's tarballs start with.
    public mutating func appendGlobalHeader(comment: String) {
        let records = Self.paxRecord("comment", comment)
        appendHeader(name: "pax_global_header", mode: 0o666, size: records.count, type: UInt8(ascii: "g"), linkName: "")
        appendBody(records)
    }

    public mutating func append(_ entry: FakeTarEntry) {
        let name = entry.name
        var linkName = ""
        var body = Data()
        let type: UInt8
        switch entry.kind {
        case .file(let content):
            type = UInt8(ascii: "0")
            body = content
        case .directory:
            type = UInt8(ascii: "5")
        case .symlink(let target):
            type = UInt8(ascii: "2")
            linkName = target
        }
        if name.utf8.count > 100 || linkName.utf8.count > 100 {
            var records = Data()
            if name.utf8.count > 100 { records.append(Self.paxRecord("path", name)) }
            if linkName.utf8.count > 100 { records.append(Self.paxRecord("linkpath", linkName)) }
            appendHeader(name: "PaxHeader", mode: 0o644, size: records.count, type: UInt8(ascii: "x"), linkName: "")
            appendBody(records)
        }
        appendHeader(
            name: String(decoding: name.utf8.prefix(100), as: UTF8.self),
            mode: entry.mode,
            size: body.count,
            type: type,
            linkName: String(decoding: linkName.utf8.prefix(100), as: UTF8.self)
        )
        appendBody(body)
    }

    /// The archive with its end marker (two zero blocks).
    public func finish() -> Data {
        var result = data
        result.append(Data(count: 1024))
        return result
    }

    /// Compresses `data` with the system `gzip`.
    public static func gzip(_ data: Data) throws -> Data {
        let folder = try TemporaryDirectory(prefix: "fake-github-tar")
        defer { folder.remove() }
        let input = try folder.write("archive.tar", data)
        let outputURL = folder.path("archive.tar.gz")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let result = try ExternalProgram.runBlocking(URL(fileURLWithPath: "/usr/bin/env"), ["gzip", "-c", "-n", input.path], output: output)
        try output.close()
        guard result.status == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "gzip failed with status \(result.status): \(result.standardError)"])
        }
        return try Data(contentsOf: outputURL)
    }

    // MARK: - Blocks

    private mutating func appendHeader(name: String, mode: Int, size: Int, type: UInt8, linkName: String) {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, length: Int) {
            for (index, byte) in text.utf8.prefix(length).enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: Int, at offset: Int, length: Int) {
            let digits = String(value, radix: 8)
            put(String(repeating: "0", count: max(0, length - 1 - digits.count)) + digits, at: offset, length: length - 1)
        }
        put(name, at: 0, length: 100)
        octal(mode, at: 100, length: 8)
        octal(0, at: 108, length: 8)
        octal(0, at: 116, length: 8)
        octal(size, at: 124, length: 12)
        octal(1_700_000_000, at: 136, length: 12)
        header[156] = type
        put(linkName, at: 157, length: 100)
        put("ustar", at: 257, length: 6)
        put("00", at: 263, length: 2)
        put("root", at: 265, length: 32)
        put("root", at: 297, length: 32)
        for index in 148..<156 { header[index] = 0x20 }
        let checksum = header.reduce(0) { $0 + Int($1) }
        let digits = String(checksum, radix: 8)
        put(String(repeating: "0", count: max(0, 6 - digits.count)) + digits, at: 148, length: 6)
        header[154] = 0
        header[155] = 0x20
        data.append(contentsOf: header)
    }

    private mutating func appendBody(_ body: Data) {
        data.append(body)
        let remainder = body.count % 512
        if remainder != 0 { data.append(Data(count: 512 - remainder)) }
    }

    /// `<length> <key>=<value>\n`, where the length counts the whole record, its own digits included.
    private static func paxRecord(_ key: String, _ value: String) -> Data {
        let payload = " \(key)=\(value)\n"
        var length = payload.utf8.count + 1
        while String(length).count + payload.utf8.count != length { length = String(length).count + payload.utf8.count }
        return Data("\(length)\(payload)".utf8)
    }
}

extension FakeTarWriter {
    /// A gzip tarball of a few kilobytes that unpacks to `megabytes` MiB of zeros: one file under
    /// `topFolder`, for the archive size bound.
    public static func gzipBomb(topFolder: String, megabytes: Int) throws -> Data {
        var tar = FakeTarWriter()
        tar.append(FakeTarEntry(name: topFolder + "/", kind: .directory))
        tar.append(FakeTarEntry(name: topFolder + "/README.md", kind: .file(Data(count: megabytes << 20))))
        return try gzip(tar.finish())
    }

    /// Every file below `folder` whose name holds `.tar` (kept and partial archives).
    public static func tarFiles(under folder: URL) -> [String] {
        FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.filter { $0.contains(".tar") } ?? []
    }
}
