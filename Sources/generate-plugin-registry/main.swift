import Foundation
import PluginRegistryGenerator

// Usage: swift run generate-plugin-registry [--check]
// Run from the package root. --check exits 1 when a generated file is stale instead of writing it.
let arguments = CommandLine.arguments.dropFirst()
let generator = RegistryGenerator(packageRoot: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
do {
    if arguments.contains("--check") {
        let stale = try generator.staleFiles()
        if stale.isEmpty { exit(0) }
        FileHandle.standardError.write(Data("Stale: \(stale.joined(separator: ", ")); run 'swift run generate-plugin-registry'.\n".utf8))
        exit(1)
    }
    let written = try generator.write()
    print(written.isEmpty ? "Generated files are up to date." : "Wrote \(written.joined(separator: ", ")).")
} catch {
    FileHandle.standardError.write(Data("generate-plugin-registry: \(error)\n".utf8))
    exit(1)
}
