import Foundation
import SkillMeatCLI
import SkillMeatHTTP

// The executable only wires the process to the CLI library; the HTTP server is injected here because
// the CLI must not depend on the HTTP module.
SkillMeatCLI.bootstrapLogging()
let context = CLIContext.process { runtime, settings, listening in
    try await SkillMeatServer.serve(runtime: runtime, settings: settings, listening: listening)
}
exit(await SkillMeatCLI.run(Array(CommandLine.arguments.dropFirst()), context: context))
