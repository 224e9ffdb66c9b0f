import LabourData

extension ShortageOutlook {
    /// The regions the list covers (its national rows, `TOTAL`, left out).
    public var regions: Set<String> {
        Set(rows.keys.compactMap { key in
            let region = String(key.prefix { $0 != "/" })
            return region == Regions.total ? nil : region
        })
    }

    /// Profiles placed in, or willing to move only to, regions this list does not cover, one
    /// diagnostic per profile at its line. A region of another country (Tunis against a Moroccan
    /// list) or of none ("Atlantis") is an error: the list cannot rank anything there, and
    /// answering anyway drops the person's own trade and leaves p_shortage blank. A region of the
    /// same country that a partial list leaves out (`mizan shortages --region MA-04`) is a warning.
    public func regionProblems(_ people: [MigrantProfile], file: String) -> (errors: [Diagnostic], warnings: [Diagnostic]) {
        let covered = regions
        guard !covered.isEmpty else { return ([], []) }
        let countries = Set(covered.compactMap(Self.country))
        let listed = covered.sorted().joined(separator: ", ")
        var errors: [Diagnostic] = [], warnings: [Diagnostic] = []
        for p in people {
            let named = [(p.region, "region")] + (p.constraints?.regions ?? []).map { ($0, "constraints.regions") }
            let outside = named.filter { !covered.contains($0.0) }
            guard !outside.isEmpty else { continue }
            let line = max(1, p.line)
            if let (foreign, field) = outside.first(where: { Self.country($0.0).map { !countries.contains($0) } ?? true }) {
                errors.append(Diagnostic(file: file, line: line, column: 1,
                                         message: "profile '\(p.id)': \(field) '\(foreign)' is not a region of the shortage list's country (it covers \(listed))"))
            } else {
                let (region, field) = outside[0]
                warnings.append(Diagnostic(file: file, line: line, column: 1,
                                           message: "warning: profile '\(p.id)': \(field) '\(region)' is not on the shortage list (it covers \(listed)); no shortage score there"))
            }
        }
        return (errors, warnings)
    }

    /// "MA" of "MA-04"; nil for a name that is no ISO 3166-2 code.
    static func country(_ region: String) -> String? {
        guard let dash = region.firstIndex(of: "-"), region.distance(from: region.startIndex, to: dash) == 2 else { return nil }
        let prefix = region[..<dash]
        return prefix.allSatisfy { $0.isASCII && $0.isUppercase } ? String(prefix) : nil
    }
}
