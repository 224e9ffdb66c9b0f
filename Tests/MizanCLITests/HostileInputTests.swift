import Foundation
import TestSupport
import Testing

/// Inputs a hostile or careless user brings (issue 31): numbers no field can hold, an output path
/// that already belongs to the user. Each case asserts the exit code, where the message points and
/// that nothing was written or destroyed.
@Suite("Hostile inputs: no trap, no user file destroyed")
struct HostileInputTests {
    static let oversized: [(setting: String, line: String)] = [
        ("horizon", "[forecast]\nhorizon = 99999999999999999999"),
        ("paths", "[forecast]\npaths = 1e19"),
        ("seed", "[forecast]\nseed = -inf"),
        ("seed", "[forecast]\nseed = inf"),
        ("seed", "[forecast]\nseed = nan"),
        ("horizon", "[forecast]\nhorizon = -9223372036854775809"),
        ("top", "[report]\ntop = 1e300"),
        ("top", "[report]\ntop = -1e300"),
        ("paths", "[forecast]\npaths = 9223372036854775807"),
    ]

    @Test("a number no setting can hold is refused at its line and column, exit 65, nothing written", arguments: oversized)
    func oversizedNumbers(setting: String, line: String) throws {
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let panel = SharedData.repository("Tests/ForecastingTests/Fixtures/small_panel.csv").path
        let toml = dir.appendingPathComponent("outlook.toml")
        try "[inputs]\npanel = \"\(panel)\"\n\(line)\n".write(to: toml, atomically: true, encoding: .utf8)
        let run = try MizanProcess.run(["outlook", "--config", toml.path, "--out", dir.appendingPathComponent("bundle").path, "--no-record"])
        #expect(run.status == 65, "\(line): \(run.stderr)")
        #expect(run.stderr.contains("\(toml.path):4:"), "\(run.stderr)")
        #expect(run.stderr.contains(setting))
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Double value"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["outlook.toml"])
    }

    @Test("--out naming a user's file or a folder that is not an outlook: exit 73, left exactly as it was")
    func outputThatBelongsToTheUser() throws {
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let panel = SharedData.repository("Tests/ForecastingTests/Fixtures/small_panel.csv").path
        let toml = dir.appendingPathComponent("outlook.toml")
        try "[inputs]\npanel = \"\(panel)\"\n[forecast]\nhorizon = 2\npaths = 20\n".write(to: toml, atomically: true, encoding: .utf8)

        let file = dir.appendingPathComponent("notes.txt")
        try "my notes".write(to: file, atomically: true, encoding: .utf8)
        let onFile = try MizanProcess.run(["outlook", "--config", toml.path, "--out", file.path, "--no-record"])
        #expect(onFile.status == 73, "\(onFile.stderr)")
        #expect(onFile.stderr.contains("\(file.path): is a file"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "my notes")

        let folder = dir.appendingPathComponent("thesis")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "chapter 1".write(to: folder.appendingPathComponent("ch1.md"), atomically: true, encoding: .utf8)
        let onFolder = try MizanProcess.run(["outlook", "--config", toml.path, "--out", folder.path, "--no-record"])
        #expect(onFolder.status == 73, "\(onFolder.stderr)")
        #expect(onFolder.stderr.contains("no manifest.json"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["ch1.md"])
        // Nothing beside them either: no partial bundle left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["notes.txt", "outlook.toml", "thesis"])
    }

    static let unusableInputs: [(name: String, inputs: String, expected: String)] = [
        ("profiles a folder", "profiles = \"/tmp\"", "inputs.profiles: /tmp is a folder, not a file"),
        ("panel /dev/zero", "panel = \"/dev/zero\"", "inputs.panel: /dev/zero is not a regular file"),
        ("catalogue missing", "catalogue = \"/nonexistent/catalogue.csv\"", "inputs.catalogue: /nonexistent/catalogue.csv does not exist"),
        ("esco a file", "esco = \"/etc/hostname\"", "inputs.esco: /etc/hostname is a file"),
    ]

    @Test("an input that cannot be used is refused before any stage runs, at its setting, and leaves no partial bundle", arguments: unusableInputs)
    func unusableInput(name: String, inputs: String, expected: String) throws {
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let panel = SharedData.repository("Tests/ForecastingTests/Fixtures/small_panel.csv").path
        let toml = dir.appendingPathComponent("outlook.toml")
        let lines = inputs.hasPrefix("panel") ? "[inputs]\n\(inputs)\n" : "[inputs]\npanel = \"\(panel)\"\n\(inputs)\n"
        try lines.write(to: toml, atomically: true, encoding: .utf8)
        let run = try MizanProcess.run(["outlook", "--config", toml.path, "--out", dir.appendingPathComponent("bundle").path, "--no-record"])
        #expect(run.status == 65, "\(name): \(run.stderr)")
        #expect(run.stderr.contains("\(toml.path):\(inputs.hasPrefix("panel") ? 2 : 3):"), "\(run.stderr)")
        #expect(run.stderr.contains(expected), "\(run.stderr)")
        #expect(!run.stderr.contains("NSCocoaErrorDomain"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["outlook.toml"])
    }

    @Test("a report region the panel does not have fails the run and leaves neither a bundle nor a partial one")
    func regionNotInPanel() throws {
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let panel = SharedData.repository("Tests/ForecastingTests/Fixtures/small_panel.csv").path
        let toml = dir.appendingPathComponent("outlook.toml")
        try "[inputs]\npanel = \"\(panel)\"\n[report]\nregions = [\"TN-11\"]\n".write(to: toml, atomically: true, encoding: .utf8)
        let run = try MizanProcess.run(["outlook", "--config", toml.path, "--out", dir.appendingPathComponent("bundle").path, "--no-record"])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("TN-11 not in the panel"))
        #expect(!run.stderr.contains("--resume"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["outlook.toml"])
    }
}
