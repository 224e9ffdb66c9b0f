import ArgumentParser
import Foundation
import LabourData
import Logging
import Workspace

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "The web workspace for planners and counsellors (French, English, Arabic).",
        discussion: """
        Serves the outlook bundle as pages: the shortage list per region and nationally (filters, sorting, CSV of what is shown), each occupation × region (history and fan chart, openings against supply, reasons, movement since the previous vintage, past accuracy), the counsellor form (destinations with training paths, printable), the vintages with their diffs, and scenarios beside the baseline (--scenario DIR: the lists they change, fan charts of both, the difference with its band).
          make outlook && mizan serve --scenario out/scenario-kenitra            # then open http://127.0.0.1:8080/fr/shortages
        Listens on 127.0.0.1 only unless --host says otherwise. Profiles typed into the counsellor form are neither stored nor logged; the log has method, path and status only.
        """
    )

    @Option(help: "Outlook bundle (mizan outlook --out).") var bundle: String = "out/outlook"
    @Option(help: "Panel the bundle was made from (history on occupation pages).") var panel: String = "Datasets/morocco/panel.csv"
    @Option(help: "Vintages store.") var vintages: String = "out/vintages.sqlite"
    @Option(help: "Folder of an ESCO CSV download (counsellor form).") var esco: String = "../shared/datasets/esco"
    @Option(help: "Training catalogue CSV.") var catalogue: String = "Datasets/training/catalogue.csv"
    @Option(help: "Address to listen on; 127.0.0.1 keeps the workspace on this machine.") var host: String = "127.0.0.1"
    @Option(help: "Port.") var port: Int = 8080
    @Option(help: "Seconds a connection may stay silent while its request is read, or between requests, before it is closed (1–300).") var readTimeout: Int = 10
    @Option(help: "Connections served at once (1–10000); more wait to be accepted, so many slow clients cannot exhaust the server's memory or files.") var maxConnections: Int = 256
    @Option(help: "A scenario bundle (mizan scenario --out) to show beside the outlook; repeat for several.") var scenario: [String] = []

    func run() async throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1–65535") }
        guard (1...300).contains(readTimeout) else { throw ValidationError("--read-timeout must be 1–300 seconds") }
        guard (1...10000).contains(maxConnections) else { throw ValidationError("--max-connections must be 1–10000") }
        let fm = FileManager.default
        var options = WorkspaceData.Options(
            bundle: URL(fileURLWithPath: bundle),
            panel: fm.fileExists(atPath: panel) ? URL(fileURLWithPath: panel) : nil,
            vintages: URL(fileURLWithPath: vintages),
            esco: fm.fileExists(atPath: esco) ? URL(fileURLWithPath: esco) : nil,
            catalogue: fm.fileExists(atPath: catalogue) ? URL(fileURLWithPath: catalogue) : nil)
        options.scenarios = scenario.map { URL(fileURLWithPath: $0) }
        let data = try dataStep(bundle) { try WorkspaceData(options) }
        var logger = Logger(label: "mizan.serve")
        logger.logLevel = .info
        if host != "127.0.0.1" && host != "localhost" && host != "::1" {
            FileHandleStderr.write("warning: listening on \(host): the workspace is reachable from other machines\n")
        }
        FileHandleStderr.write("Mizan workspace on http://\(host):\(port)/fr/shortages\n")
        try await WorkspaceServer.run(data, host: host, port: port, readTimeout: readTimeout,
                                     maxConnections: maxConnections, logger: logger)
    }
}
