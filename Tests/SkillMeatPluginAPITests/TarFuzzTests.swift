import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

/// Seeded mutation fuzzing of the tar reader: a tarball like GitHub's (a pax header, a top folder,
/// files, a symbolic link, a GNU long name) mutated in its headers — with the checksum made right
/// again half the time, so damage gets past the first check — and in its pax and long-name bodies.
/// Indexing must return or throw, never crash; what it returns stays inside the archive and the root.
@Suite(.timeLimit(.minutes(5))) struct TarFuzzTests {
    static func sample() -> [UInt8] {
        let pax = TarArchiveTests.pax("comment", "0123456789abcdef") + TarArchiveTests.pax("path", "top/skills/pdf/SKILL.md")
        let body = Array("---\nname: pdf\n---\nBody\n".utf8)
        let longName = Array(("top/" + String(repeating: "n", count: 120) + ".md").utf8)
        return TarArchiveTests.member(name: "pax_global_header", type: "g", size: 0)
            + TarArchiveTests.member(name: "top/", type: "5", size: 0)
            + TarArchiveTests.member(name: "pax", type: "x", size: pax.count, body: pax)
            + TarArchiveTests.member(name: "ignored", type: "0", size: body.count, body: body)
            + TarArchiveTests.member(name: "././@LongLink", type: "L", size: longName.count, body: longName)
            + TarArchiveTests.member(name: "short", type: "0", size: 3, body: Array("abc".utf8))
            + TarArchiveTests.member(name: "top/link", type: "2", size: 0)
            + TarArchiveTests.end
    }

    @Test("mutated tarballs are indexed or refused in bounded time, never a crash", arguments: [UInt64(1), 2, 3, 4])
    func mutated(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let sample = Self.sample()
        let headers = stride(from: 0, to: sample.count - 1024, by: 512).filter { Self.isHeader(sample, at: $0) }
        for iteration in 0..<250 {
            var bytes = sample
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let header = headers.randomElement(using: &random)!
                switch Int.random(in: 0..<5, using: &random) {
                case 0: // a header field's byte (name, size, type, link, prefix)
                    let at = header + [0, 50, 99, 124, 130, 135, 156, 157, 257, 345].randomElement(using: &random)! + Int.random(in: 0..<5, using: &random)
                    guard at < bytes.count else { continue }
                    bytes[at] = [0, 0x20, 0x2F, 0x2E, 0x37, 0x39, 0x80, 0xFF, UInt8.random(in: 0...255, using: &random)].randomElement(using: &random)!
                case 1: // a size field rewritten with a number near a limit
                    let size = ["77777777777", "00000000000", "10000000000", "00000001000", "-0000000001", "99999999999"].randomElement(using: &random)!
                    guard header + 135 <= bytes.count else { continue }
                    bytes.replaceSubrange((header + 124)..<(header + 135), with: Array(size.utf8))
                case 2: // a pax or long-name body
                    let at = header + 512 + Int.random(in: 0..<64, using: &random)
                    if at < bytes.count {
                        bytes[at] = Array("0123456789 =\n\0/.".utf8).randomElement(using: &random)!
                    }
                case 3: // a pax record's length
                    let at = header + 512
                    let length = ["1 ", "2 ", "0 ", "9223372036854775807 ", "99999999999999999999 ", "-5 ", "3 "].randomElement(using: &random)!
                    if at + length.utf8.count < bytes.count { bytes.replaceSubrange(at..<(at + length.utf8.count), with: Array(length.utf8)) }
                default: // the end cut short, or garbage after it
                    if Bool.random(using: &random) {
                        bytes.removeLast(Int.random(in: 1...1_500, using: &random))
                    } else {
                        bytes += (0..<512).map { _ in UInt8.random(in: 0...255, using: &random) }
                    }
                }
                if Bool.random(using: &random) { Self.fixChecksum(&bytes, at: header) }
            }
            let elapsed = ContinuousClock().measure {
                guard let archive = try? TarArchive.index(Data(bytes)) else { return }
                for (path, member) in archive.strippingTopFolder() {
                    #expect(!path.components.contains(".."), "seed \(seed) case \(iteration)")
                    #expect(archive.contents(of: member).count <= bytes.count, "seed \(seed) case \(iteration)")
                }
            }
            #expect(elapsed < .seconds(2), "seed \(seed) case \(iteration) took \(elapsed)")
        }
    }

    @Test("pax records whose length is shorter than its own digits, or near Int.max, are ignored, not a crash", arguments: [
        "1 path=a\n", "3 path=a\n", "0 path=a\n", "9223372036854775807 path=a\n", "9223372036854775000 path=a\n",
    ])
    func paxRecordLengths(record: String) throws {
        let body = Array(record.utf8)
        let data = TarArchiveTests.member(name: "pax", type: "x", size: body.count, body: body)
            + TarArchiveTests.member(name: "top/a.md", type: "0", size: 1, body: [0x41]) + TarArchiveTests.end
        let archive = try TarArchive.index(Data(data))
        #expect(archive.strippingTopFolder().keys.map(\.string) == ["a.md"])
    }

    static func isHeader(_ bytes: [UInt8], at offset: Int) -> Bool {
        bytes[(offset + 257)..<(offset + 262)].elementsEqual("ustar".utf8)
    }

    /// Writes the header's checksum as tar computes it, so a mutation gets past the checksum check.
    static func fixChecksum(_ bytes: inout [UInt8], at offset: Int) {
        guard offset + 512 <= bytes.count else { return }
        bytes.replaceSubrange((offset + 148)..<(offset + 156), with: [UInt8](repeating: 0x20, count: 8))
        let sum = bytes[offset..<(offset + 512)].reduce(0) { $0 + Int($1) }
        let digits = String(String(sum, radix: 8).suffix(6))
        let text = Array((String(repeating: "0", count: 6 - digits.count) + digits + "\0 ").utf8)
        bytes.replaceSubrange((offset + 148)..<(offset + 156), with: text)
    }
}
