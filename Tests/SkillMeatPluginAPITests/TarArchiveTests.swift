import Foundation
import SkillMeatPluginAPI
import Testing

/// Tarballs come from the network: a hostile one is refused or indexed, never a crash.
@Suite struct TarArchiveTests {
    /// One 512-byte ustar header (checksum filled in), then `body` padded to whole blocks.
    static func member(name: String, type: Character, size: Int, body: [UInt8] = []) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) { for (index, byte) in text.utf8.enumerated() { header[offset + index] = byte } }
        put(name, at: 0)
        put("0000644", at: 100)
        put(String(String(size, radix: 8).suffix(11)).leftPadded(to: 11), at: 124)
        put(String(type), at: 156)
        put("ustar", at: 257)
        header.replaceSubrange(148..<156, with: [UInt8](repeating: 0x20, count: 8))
        put(String(String(header.reduce(0) { $0 + Int($1) }, radix: 8)).leftPadded(to: 6) + "\0 ", at: 148)
        let padded = body + [UInt8](repeating: 0, count: (512 - body.count % 512) % 512)
        return header + padded
    }

    static func pax(_ key: String, _ value: String) -> [UInt8] {
        var length = key.utf8.count + value.utf8.count + 3
        length += String(length).count
        if String(length).count != String(length - String(length).count).count { length += 1 }
        return Array("\(length) \(key)=\(value)\n".utf8)
    }

    static let end = [UInt8](repeating: 0, count: 1024)

    @Test("a pax size near Int.max is a damaged archive, not an overflow")
    func hugePaxSize() {
        let record = Self.pax("size", String(Int.max))
        let data = Self.member(name: "pax", type: "x", size: record.count, body: record) + Self.member(name: "top/a.md", type: "0", size: 0) + Self.end
        #expect(throws: TarArchive.Failure.self) { try TarArchive.index(Data(data)) }
    }

    @Test("member names longer than file systems allow are refused and recorded, the rest indexed")
    func longNames() throws {
        let longName = "top/" + String(repeating: "a", count: 300) + ".md"
        let name = Array(longName.utf8)
        let data = Self.member(name: "././@LongLink", type: "L", size: name.count, body: name)
            + Self.member(name: "ignored", type: "0", size: 2, body: Array("x\n".utf8))
            + Self.member(name: "top/ok.md", type: "0", size: 3, body: Array("ok\n".utf8)) + Self.end
        let archive = try TarArchive.index(Data(data))
        #expect(archive.refused == [longName])
        #expect(archive.members.keys.map(\.string) == ["top/ok.md"])
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
