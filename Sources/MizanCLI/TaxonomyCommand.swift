import ArgumentParser
import Foundation
import LabourData

struct TaxonomyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taxonomy",
        abstract: "Look up ISCO-08 groups (and their ESCO occupations) in English or French.",
        discussion: """
        Shows a group's title, its parent and children; with --esco, the ESCO occupations in it and the skills most of them require. ESCO is read from a folder holding an ESCO CSV download (the official export or the project's shared copy).
          mizan taxonomy 222 --lang fr
          mizan taxonomy 2221 --esco ../shared/datasets/esco
        """
    )

    @Argument(help: "An ISCO-08 code (1 to 4 digits).") var code: String
    @Option(help: "fr or en (ar gives French).") var lang: Language = .english
    @Option(help: "Folder of an ESCO CSV download.") var esco: String?

    func run() throws {
        let language = lang
        let t = ISCO08.standard
        guard let g = t.group(code) else {
            FileHandleStderr.write("'\(code)' is not an ISCO-08 code\n")
            throw MizanExit.dataError
        }
        print("\(g.code)  \(g.title(language))")
        if let p = t.parent(of: code), let pg = t.group(p) { print("  parent   \(pg.code)  \(pg.title(language))") }
        for c in t.children(of: code) { print("  child    \(c)  \(t.title(c, language) ?? "")") }
        guard let dir = esco else { return }
        let data: ESCO
        do { data = try ESCO.load(directory: URL(fileURLWithPath: dir)) } catch {
            printDiagnostics(error)
            throw MizanExit.dataError
        }
        let occ = data.occupations(inISCO: code)
        print("  \(occ.count) ESCO occupations (uses the ESCO classification of the European Commission)")
        for o in occ.prefix(15) { print("    \(o.label(language))") }
        var counts: [Int: Int] = [:]
        for o in occ { for r in data.relations[data.occupationIndex[o.uri]!] where r.essential { counts[r.skill, default: 0] += 1 } }
        let top = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(10)
        if !top.isEmpty { print("  essential skills most of them share:") }
        for (s, n) in top { print("    \(n)/\(occ.count)  \(data.skills[s].label(language))") }
    }
}
