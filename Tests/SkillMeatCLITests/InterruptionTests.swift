import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

/// Interrupts and crashes of the real binary leave a consistent home: a signal stops long work at an
/// entry boundary and keeps what is complete; a kill -9 at any moment leaves what the next command
/// repairs. The moment is exact: `SKILLMEAT_TEST_FAULT` makes the process signal itself at a named point.
@Suite struct InterruptionTests {
    /// A finished run of the binary.
    struct Run {
        var status: Int32
        var killedBy: Int32?
        var output: String
        var error: String
    }

    /// A home with a local marketplace source `big` of `count` commands.
    struct World {
        let home: TemporaryDirectory
        let count: Int

        init(commands count: Int) throws {
            home = try TemporaryDirectory(prefix: "skillmeat-interrupt")
            self.count = count
            for number in 0..<count {
                try home.write("market/commands/c\(number).md", "---\ndescription: Command \(number)\n---\nDo \(number) $ARGUMENTS\n")
            }
            try #require(run("init").status == 0)
            let added = run("source", "add", home.path("market").path, "--name", "big")
            try #require(added.status == 0, "\(added.error)")
        }

        @discardableResult
        func run(_ arguments: String..., fault: String? = nil) -> Run {
            run(arguments, fault: fault)
        }

        func run(_ arguments: [String], fault: String? = nil) -> Run {
            let id = UUID().uuidString
            let outURL = home.path("out-\(id)"), errURL = home.path("err-\(id)")
            #expect(FileManager.default.createFile(atPath: outURL.path, contents: nil))
            #expect(FileManager.default.createFile(atPath: errURL.path, contents: nil))
            defer {
                try? FileManager.default.removeItem(at: outURL)
                try? FileManager.default.removeItem(at: errURL)
            }
            do {
                let output = try FileHandle(forWritingTo: outURL), error = try FileHandle(forWritingTo: errURL)
                let process = try EndToEndTests.start(
                    arguments, home: home.path("home"), environment: fault.map { ["SKILLMEAT_TEST_FAULT": $0] } ?? [:], output: output, error: error
                )
                let ended = process.waitUntilExit()
                try? output.close()
                try? error.close()
                return Run(
                    status: ended.status, killedBy: { if case .signalled(let signal) = ended { signal } else { nil } }(),
                    output: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "", error: (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
                )
            } catch {
                return Run(status: -1, killedBy: nil, output: "", error: "\(error)")
            }
        }

        var collection: URL { home.path("home/collections/default") }

        /// The names of the manifest's artifacts, the lock's entries, the cache's rows and the command files.
        func views() throws -> (manifest: Set<String>, lock: Set<String>, cache: Set<String>, files: Set<String>) {
            let manifest = try String(contentsOf: collection.appending(path: "collection.toml"), encoding: .utf8)
            let names = Set(manifest.split(separator: "\n").filter { $0.hasPrefix("name = ") && $0 != "name = \"default\"" }
                .map { String($0.dropFirst("name = \"".count).dropLast()) })
            let lock = try String(contentsOf: collection.appending(path: "collection.lock"), encoding: .utf8)
            let locked = Set(lock.split(separator: "\n").filter { $0.hasPrefix("[lock.entries.") }
                .map { String($0.dropFirst("[lock.entries.\"".count).prefix { $0 != ":" }) })
            let list = run("list", "--json")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]], "\(list.error)")
            let files = Set(((try? FileManager.default.contentsOfDirectory(atPath: collection.appending(path: "commands").path)) ?? [])
                .map { String($0.dropLast(".md".count)) })
            return (names, locked, Set(rows.compactMap { $0["name"] as? String }), files)
        }

        /// Catalog statuses by entry path.
        func catalog() throws -> [String: String] {
            let list = run("catalog", "list", "--source", "big", "--json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [String: Any], "\(list.error)")
            let entries = try #require(object["entries"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: entries.map { ($0["path"] as? String ?? "", $0["status"] as? String ?? "") })
        }

        /// Runs `import --source big --all` killed by SIGKILL at `point`.
        func importKilled(at point: String) {
            let killed = run("import", "--source", "big", "--all", fault: "\(point)=KILL")
            #expect(killed.killedBy == SIGKILL, "\(killed.error)")
        }

        /// Runs `import --source big --all` again and checks the collection holds all `count` commands,
        /// once each, with manifest, lock, cache, files and catalog in agreement.
        func importRestAndCheck() throws {
            let again = run("import", "--source", "big", "--all")
            #expect(again.status == 0, "\(again.output)\(again.error)")
            let views = try views()
            #expect(views.manifest.count == count, "nothing imported twice or renamed: \(views.manifest.sorted())")
            #expect(views.manifest == views.lock && views.lock == views.cache && views.cache == views.files)
            #expect(try catalog().values.allSatisfy { $0 == "imported" })
        }

        /// Scratch folders and journals left under the collection's `.staging`.
        var staging: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: collection.appending(path: ".staging").path)) ?? []).sorted()
        }
    }

    @Test("SIGINT or SIGTERM during import --all stops between entries, keeps what was done consistent, removes its staging", arguments: [("INT", Int32(130)), ("TERM", Int32(143))])
    func interruptedImport(signal: String, status: Int32) throws {
        let world = try World(commands: 24)
        defer { world.home.remove() }
        let interrupted = world.run("import", "--source", "big", "--all", fault: "import.stage#11=\(signal)")
        #expect(interrupted.killedBy == nil, "the process ends through its own exit, not the signal's default")
        #expect(interrupted.status == status, "\(interrupted.error)")
        #expect(interrupted.error.contains("Interrupted"))
        #expect(interrupted.output.contains("not_started"), "the entries not reached are reported")
        let views = try world.views()
        #expect(views.manifest.count == 10, "the ten entries staged before the signal are kept")
        #expect(views.manifest == views.lock && views.lock == views.cache && views.cache == views.files)
        let statuses = try world.catalog()
        #expect(statuses.values.filter { $0 == "imported" }.count == 10)
        #expect(world.staging.isEmpty, "\(world.staging)")
        try world.importRestAndCheck()
    }

    @Test("kill -9 after the manifest write: the next import --all marks those entries and imports nothing twice; reimport works")
    func killedAfterCommit() throws {
        let world = try World(commands: 12)
        defer { world.home.remove() }
        world.importKilled(at: "import.committed")
        #expect(try world.views().manifest.count == 12)
        try world.importRestAndCheck()
        #expect(world.staging.isEmpty, "an import with nothing to install still sweeps: \(world.staging)")
        let reimport = world.run("reimport", "big:commands/c3.md")
        #expect(reimport.status == 0, "\(reimport.error)")
    }

    @Test("kill -9 while artifacts are moved into the collection: the next command undoes the moves and sweeps the dead staging")
    func killedWhilePlacing() throws {
        let world = try World(commands: 12)
        defer { world.home.remove() }
        world.importKilled(at: "install.placed#5")
        #expect(try world.views().files.count == 5, "five files moved in, none in the manifest yet")
        #expect(world.staging.contains { $0.hasPrefix("import-") })
        try world.importRestAndCheck()
        #expect(world.staging.isEmpty, "\(world.staging)")
    }

    @Test("kill -9 of deploy half way: status shows every file, redeploy finds no conflict, undeploy removes them")
    func killedDeploy() throws {
        let world = try World(commands: 20)
        defer { world.home.remove() }
        #expect(world.run("import", "--source", "big", "--all").status == 0)
        let project = world.home.path("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let names = (0..<20).map { "c\($0)" }
        let killed = world.run(["deploy"] + names + ["--project", project.path, "--yes"], fault: "deploy.write#7=KILL")
        #expect(killed.killedBy == SIGKILL)
        let written = (try? FileManager.default.contentsOfDirectory(atPath: project.appending(path: ".claude/commands").path)) ?? []
        #expect(written.count == 7, "seven files written when the process died")
        let status = world.run("status", "--project", project.path, "--json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [[String: Any]], "\(status.error)")
        #expect(rows.count == 20 && rows.allSatisfy { $0["state"] as? String == "synced" }, "\(status.output)")
        let redeploy = world.run(["deploy"] + names + ["--project", project.path, "--yes"])
        #expect(redeploy.status == 0, "\(redeploy.output)\(redeploy.error)")
        #expect(!redeploy.output.contains("conflict"))
        let undeploy = world.run("undeploy", "c3", "--project", project.path)
        #expect(undeploy.status == 0, "\(undeploy.error)")
        #expect(!FileManager.default.fileExists(atPath: project.appending(path: ".claude/commands/c3.md").path))
    }
}
