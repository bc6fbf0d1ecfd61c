/// How far an archive from a source host may unpack: its size once decompressed and how many
/// members it may hold. A gzip bomb (a small download that inflates without end) or an archive of
/// millions of tiny entries stops at these bounds with an error, and nothing of it is kept.
///
/// Each hosted source reads them from its own settings: `max_archive_mb` (default 512) and
/// `max_archive_entries` (default 200,000).
public struct ArchiveLimits: Sendable, Hashable {
    /// The most bytes the decompressed tar may hold.
    public var maximumBytes: Int64
    /// The most members (files, folders, links, headers) the tar may hold.
    public var maximumMembers: Int
    /// Where a user raises them, for messages: `max_archive_mb under [plugins."source/github"]`.
    public var settingTable: String

    public static let defaultMegabytes = 512
    public static let defaultMembers = 200_000

    public init(maximumBytes: Int64 = Int64(defaultMegabytes) << 20, maximumMembers: Int = defaultMembers, settingTable: String = "[plugins]") {
        self.maximumBytes = maximumBytes
        self.maximumMembers = maximumMembers
        self.settingTable = settingTable
    }

    /// The limits a plugin's settings ask for; an unusable value is refused with a sentence.
    public init(context: PluginContext) throws(PluginError) {
        let table = "[plugins.\"\(context.id)\"]"
        let megabytes = context.settings["max_archive_mb"].map { $0.intValue } ?? Self.defaultMegabytes
        guard let megabytes, (1...1_048_576).contains(megabytes) else {
            throw .unsupported("max_archive_mb under \(table) must be a whole number of megabytes from 1 to 1048576.")
        }
        let members = context.settings["max_archive_entries"].map { $0.intValue } ?? Self.defaultMembers
        guard let members, (1...100_000_000).contains(members) else {
            throw .unsupported("max_archive_entries under \(table) must be a whole number from 1 to 100000000.")
        }
        self.init(maximumBytes: Int64(megabytes) << 20, maximumMembers: members, settingTable: table)
    }

    /// The size limit in whole megabytes, for messages.
    public var megabytes: Int64 { maximumBytes >> 20 }
}
