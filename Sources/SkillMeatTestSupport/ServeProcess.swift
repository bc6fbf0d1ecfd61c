public import Foundation
public import SkillMeatPluginAPI
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The built `skillmeat serve` on a free loopback port, for the browser tests and the page-ready
/// benchmark: both need the real server process, not the in-process router.
public enum ServeProcess {
    /// Starts the server with `environment` (its home, HOME, …) and waits until `/health` answers;
    /// returns the process (the caller terminates it) and the base URL.
    public static func start(environment: [String: String]) async throws -> (ChildProcess, URL) {
        for _ in 0..<5 {
            let port = Int.random(in: 20_000..<60_000)
            let process = try ChildProcess.start(BuiltProduct.executable("skillmeat"), ["serve", "--port", String(port)], environment: environment)
            let base = URL(string: "http://127.0.0.1:\(port)")!
            for _ in 0..<150 {
                guard process.isRunning else { break }
                if let (_, response) = try? await URLSession.shared.data(from: base.appending(path: "health")),
                   (response as? HTTPURLResponse)?.statusCode == 200 {
                    return (process, base)
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            // Another process may have taken the port; try the next one.
            process.terminate()
            process.waitUntilExit()
        }
        throw WebDriver.Failure(description: "skillmeat serve did not start")
    }
}
