public import Foundation

/// A tar file indexed in place: where each regular file's bytes lie and what each symbolic link
/// points to. Nothing is ever extracted, so no member name or link can make a write land outside
/// the cache: names that are absolute or climb out with `..` are refused and recorded, and a link
/// is only ever read as its target text (which is what git stores as a symlink's blob).
///
/// Understands ustar headers with a `prefix`, pax extended headers (`x`: `path`, `linkpath`, `size`),
/// pax global headers (`g`, skipped) and GNU long names (`L`, `K`).
public struct TarArchive: Sendable {
    public enum Member: Sendable, Hashable {
        case file(offset: Int, size: Int)
        case symlink(target: String)
    }

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case truncated(offset: Int)
        case badChecksum(offset: Int)
        case badHeader(offset: Int, reason: String)
        /// More members than the caller allows (`ArchiveLimits.maximumMembers`): not damage, a bound.
        case tooManyMembers(limit: Int)

        public var description: String {
            switch self {
            case .truncated(let offset): "the archive ends early (at byte \(offset))"
            case .badChecksum(let offset): "the tar header at byte \(offset) is damaged"
            case .badHeader(let offset, let reason): "the tar header at byte \(offset) is invalid (\(reason))"
            case .tooManyMembers(let limit): "the archive holds more than \(limit) entries"
            }
        }
    }

    /// The archive's bytes (memory-mapped when read from disk).
    public let data: Data
    /// Members by their normalised path inside the archive.
    public let members: [RelativePath: Member]
    /// Regular files whose tar mode has an executable bit.
    public let executables: Set<RelativePath>
    /// Member names refused because they were absolute, climbed out with `..`, held control characters
    /// or were longer than file systems allow (`RelativePath`).
    public let refused: [String]
    /// The first component of the first member: the folder `git archive` puts everything in.
    public let topFolder: String?

    private static let blockSize = 512

    /// Indexes `data`; throws when a header is damaged, the archive ends before its end marker, or
    /// it holds more than `maximumMembers` headers.
    public static func index(_ data: Data, maximumMembers: Int = Int.max) throws(Failure) -> TarArchive {
        let bytes = [UInt8](data)
        var members: [RelativePath: Member] = [:]
        var refused: [String] = []
        var offset = 0
        var longName: String?
        var longLink: String?
        var paxSize: Int?
        var topFolder: String?
        var executables: Set<RelativePath> = []
        var headers = 0

        while true {
            guard offset + blockSize <= bytes.count else { throw .truncated(offset: offset) }
            let header = bytes[offset..<(offset + blockSize)]
            if header.allSatisfy({ $0 == 0 }) { break }
            guard checksumMatches(header) else { throw .badChecksum(offset: offset) }
            headers += 1
            guard headers <= maximumMembers else { throw .tooManyMembers(limit: maximumMembers) }

            let type = header[header.startIndex + 156]
            guard let headerSize = octal(field(header, 124, 12)) else {
                throw .badHeader(offset: offset, reason: "the size is not a number")
            }
            let size = paxSize ?? headerSize
            let dataStart = offset + blockSize
            // Compared as a difference: a pax `size` near Int.max would overflow a sum.
            guard size >= 0, size <= bytes.count - dataStart else { throw .truncated(offset: offset) }
            let body = bytes[dataStart..<(dataStart + size)]
            offset = dataStart + (size + blockSize - 1) / blockSize * blockSize

            switch type {
            case UInt8(ascii: "x"):
                let records = paxRecords(body)
                longName = records["path"] ?? longName
                longLink = records["linkpath"] ?? longLink
                paxSize = records["size"].flatMap { Int($0) }
                continue
            case UInt8(ascii: "g"):
                continue
            case UInt8(ascii: "L"):
                longName = cString(body)
                continue
            case UInt8(ascii: "K"):
                longLink = cString(body)
                continue
            default:
                break
            }

            var name = longName ?? cString(field(header, 0, 100))
            if longName == nil, field(header, 257, 5).elementsEqual("ustar".utf8) {
                let prefix = cString(field(header, 345, 155))
                if !prefix.isEmpty { name = prefix + "/" + name }
            }
            let linkTarget = longLink ?? cString(field(header, 157, 100))
            longName = nil
            longLink = nil
            paxSize = nil

            let member: Member
            switch type {
            case UInt8(ascii: "0"), 0, UInt8(ascii: "7"): member = .file(offset: dataStart, size: size)
            case UInt8(ascii: "2"): member = .symlink(target: linkTarget)
            case UInt8(ascii: "5"):
                // A folder holds no content, but the first one names the archive's top folder.
                if topFolder == nil, let path = try? RelativePath(validating: name), let first = path.components.first {
                    topFolder = first
                }
                continue
            default: continue  // hard links, devices: nothing a source tree reads
            }
            guard let path = try? RelativePath(validating: name), !path.isRoot else {
                refused.append(name)
                continue
            }
            if topFolder == nil { topFolder = path.components.first }
            members[path] = member
            if case .file = member, let mode = octal(field(header, 100, 8)), mode & 0o111 != 0 {
                executables.insert(path)
            }
        }
        return TarArchive(data: data, members: members, executables: executables, refused: refused, topFolder: topFolder)
    }

    /// The members inside the archive's top folder (`owner-repo-sha/`), with that folder removed;
    /// anything beside it is not part of the commit and is left out.
    public func strippingTopFolder() -> [RelativePath: Member] {
        guard let topFolder, let top = try? RelativePath(validating: topFolder) else { return [:] }
        var result: [RelativePath: Member] = [:]
        for (path, member) in members {
            guard let inner = path.relative(to: top), !inner.isRoot else { continue }
            result[inner] = member
        }
        return result
    }

    /// The bytes of a member: a file's content, or a link's target as text.
    public func contents(of member: Member) -> Data {
        switch member {
        case .file(let offset, let size): data.subdata(in: (data.startIndex + offset)..<(data.startIndex + offset + size))
        case .symlink(let target): Data(target.utf8)
        }
    }

    // MARK: - Header fields

    private static func field(_ header: ArraySlice<UInt8>, _ start: Int, _ length: Int) -> ArraySlice<UInt8> {
        header[(header.startIndex + start)..<(header.startIndex + start + length)]
    }

    private static func cString(_ bytes: ArraySlice<UInt8>) -> String {
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }

    /// An octal number field (NUL- or space-terminated), or GNU base-256 when the top bit is set.
    private static func octal(_ bytes: ArraySlice<UInt8>) -> Int? {
        if let first = bytes.first, first & 0x80 != 0 {
            var value = 0
            for byte in bytes.dropFirst() {
                guard value < Int.max >> 8 else { return nil }
                value = value << 8 | Int(byte)
            }
            return value
        }
        var value = 0
        var sawDigit = false
        for byte in bytes {
            if byte == 0 || (byte == 0x20 && sawDigit) { break }
            if byte == 0x20 { continue }
            guard (0x30...0x37).contains(byte), value < Int.max >> 3 else { return nil }
            value = value << 3 | Int(byte - 0x30)
            sawDigit = true
        }
        return value
    }

    private static func checksumMatches(_ header: ArraySlice<UInt8>) -> Bool {
        guard let recorded = octal(field(header, 148, 8)) else { return false }
        var unsigned = 0
        var signed = 0
        for (index, byte) in header.enumerated() {
            let value = (148..<156).contains(index) ? 0x20 : byte
            unsigned += Int(value)
            signed += Int(Int8(bitPattern: value))
        }
        return recorded == unsigned || recorded == signed
    }

    /// pax records: `<length> <key>=<value>\n`, the length counting the whole record.
    private static func paxRecords(_ body: ArraySlice<UInt8>) -> [String: String] {
        var records: [String: String] = [:]
        var index = body.startIndex
        while index < body.endIndex {
            guard let space = body[index...].firstIndex(of: 0x20),
                  let length = Int(String(decoding: body[index..<space], as: UTF8.self)),
                  // The length counts its own digits and the space; compared as differences, as a
                  // length near Int.max would overflow a sum.
                  length > space - index, length <= body.endIndex - index
            else { break }
            let record = body[(space + 1)..<(index + length)]
            if let equals = record.firstIndex(of: UInt8(ascii: "=")) {
                let key = String(decoding: record[record.startIndex..<equals], as: UTF8.self)
                var value = record[(equals + 1)...]
                if value.last == UInt8(ascii: "\n") { value = value.dropLast() }
                records[key] = String(decoding: value, as: UTF8.self)
            }
            index += length
        }
        return records
    }
}
