import Foundation

/// Panel column names as planners write them — French or English, any case, with or without
/// accents, spaces or apostrophes — resolved to Mizan's names. `année`, `Région`, `code_isco`,
/// `emploi`, `demandeurs d'emploi`, `offres`, `salaire_médian`, `lauréats`, `retournés`,
/// `immigrés`, and their sex (`_femmes`, `_hommes`) and age (`emploi_15_24`, `emploi_65_et_plus`)
/// variants all read as the English columns (docs/columns.md lists every alias).
public enum ColumnNames {
    /// Lower case, accents removed, every run of other characters turned into one `_`.
    public static func fold(_ s: String) -> String {
        let plain = s.decomposedStringWithCanonicalMapping.unicodeScalars.filter { !(0x0300...0x036F).contains($0.value) }
        var out = ""
        var pendingUnderscore = false
        for u in String(String.UnicodeScalarView(plain)).lowercased().unicodeScalars {
            let isWord = (u >= "a" && u <= "z") || (u >= "0" && u <= "9")
            if isWord {
                if pendingUnderscore && !out.isEmpty { out.append("_") }
                pendingUnderscore = false
                out.unicodeScalars.append(u)
            } else {
                pendingUnderscore = true
            }
        }
        return out
    }

    /// Folded aliases of each key column and base measure.
    public static let aliases: [String: [String]] = [
        "year": ["year", "annee", "annees", "an"],
        "region": ["region", "code_region", "region_code", "regions"],
        "isco": ["isco", "code_isco", "isco_code", "isco08", "isco_08", "code_isco_08", "citp", "code_citp", "citp08", "citp_08",
                 "profession", "code_profession", "metier", "code_metier", "occupation"],
        "employment": ["employment", "emploi", "emplois", "employes", "actifs_occupes", "population_active_occupee"],
        "jobseekers": ["jobseekers", "job_seekers", "demandeurs", "demandeurs_emploi", "demandeurs_d_emploi", "chomeurs"],
        "vacancies": ["vacancies", "offres", "offres_emploi", "offres_d_emploi", "postes_vacants", "postes"],
        "median_wage": ["median_wage", "salaire_median", "salaires_median", "salaire_median_mensuel"],
        "graduates": ["graduates", "laureats", "diplomes", "sortants_formation"],
        "school_leavers": ["school_leavers", "sortants_scolaires", "sortants_ecole", "sortants_systeme_scolaire", "primo_entrants"],
        "returnees": ["returnees", "retournes", "migrants_de_retour", "migrants_retour", "migrants_retournes"],
        "immigrants": ["immigrants", "immigres"],
        PanelSchema.shortageLabel: ["in_shortage", "en_penurie", "penurie"],
    ]
    static let sexAliases: [String: [String]] = [
        "_female": ["female", "women", "femmes", "femme", "feminin", "f"],
        "_male": ["male", "men", "hommes", "homme", "masculin", "h", "m"],
    ]
    static let ageAliases: [String: [String]] = [
        "15_24": ["15_24", "15_24_ans"], "25_54": ["25_54", "25_54_ans"], "55_64": ["55_64", "55_64_ans"],
        "65_plus": ["65_plus", "65_et_plus", "65_ans_et_plus", "65"],
    ]

    /// Base aliases longest first, so `demandeurs_d_emploi` wins over `demandeurs`.
    static let orderedBases: [(alias: String, name: String)] = {
        var pairs: [(alias: String, name: String)] = []
        for (name, list) in aliases { for a in list { pairs.append((a, name)) } }
        pairs.sort { a, b in a.alias.count != b.alias.count ? a.alias.count > b.alias.count : a.alias < b.alias }
        return pairs
    }()

    /// Mizan's name for a header cell, or nil. `extra` maps folded names to Mizan names
    /// (`--columns map.toml`) and is tried first.
    public static func canonical(_ raw: String, extra: [String: String] = [:]) -> String? {
        let f = fold(raw)
        if let e = extra[f] { return e }
        if PanelSchema.keyColumns.contains(f) || PanelSchema.knownMeasures.contains(f) { return f }
        for (alias, name) in orderedBases where f == alias || f.hasPrefix(alias + "_") {
            var rest = f == alias ? "" : String(f.dropFirst(alias.count + 1))
            if rest.isEmpty { return name }
            guard !PanelSchema.keyColumns.contains(name), name != PanelSchema.shortageLabel else { continue }
            var age = ""
            if name == "employment" || name == "jobseekers" {
                for (band, list) in ageAliases {
                    if let a = list.sorted(by: { $0.count > $1.count }).first(where: { rest == $0 || rest.hasPrefix($0 + "_") }) {
                        age = "_" + band
                        rest = rest == a ? "" : String(rest.dropFirst(a.count + 1))
                        break
                    }
                }
            }
            var sex = ""
            if !rest.isEmpty {
                guard let s = sexAliases.first(where: { $0.value.contains(rest) }) else { continue }
                sex = s.key
                rest = ""
            }
            let candidate = name + age + sex
            if PanelSchema.knownMeasures.contains(candidate) { return candidate }
        }
        return nil
    }

    /// Up to three known names (Mizan's or aliases) closest to an unknown header cell.
    public static func suggestions(_ raw: String) -> [String] {
        let f = fold(raw)
        let names = Set(PanelSchema.keyColumns + Array(PanelSchema.knownMeasures) + aliases.values.flatMap { $0 })
        let scored = names.map { ($0, editDistance(f, $0)) }.filter { $0.1 <= max(2, f.count / 3) }
        return scored.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.prefix(3).map(\.0)
    }

    /// " (did you mean 'years'?)" when one of `names` is within a slip of `typed` (two edits, or a
    /// third of its length), else "": the hint every "unknown column / key" message gives.
    public static func didYouMean(_ typed: String, among names: [String]) -> String {
        guard let nearest = names.min(by: { editDistance($0, typed) < editDistance($1, typed) }),
              editDistance(nearest, typed) <= max(2, typed.count / 3) else { return "" }
        return " (did you mean '\(nearest)'?)"
    }

    /// Levenshtein distance over Unicode scalars.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count), cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }
}
