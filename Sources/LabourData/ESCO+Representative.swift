/// Which ESCO occupation an ISCO unit group means when a person gives only the code (7212) or
/// a word several occupations answer to ("infirmière"): the one whose name says the group's
/// title (welder for 7212 Welders and flamecutters, electrician for 7411 Building and related
/// electricians), else the one most job titles point to (most alternative labels in ESCO, a
/// stand-in for how common it is), else the shortest name. Picked by chance before: 7212 meant
/// brazier, and a welder typed as 7212 was credited 15 of his 36 essential skills instead of 36.
extension ESCO {
    public func representative(ofUnitGroup code: String) -> Int? {
        representative(among: occupations.indices.filter { occupations[$0].isco == code }, group: code)
    }

    /// The representative among `candidates`, judged against the title of ISCO group `group`.
    public func representative(among candidates: [Int], group: String) -> Int? {
        let title = ISCO08.standard.title(group).map { Set(LabelIndex.fold($0).split(separator: " ").map(LabelIndex.stem)) } ?? []
        func key(_ d: Int) -> (Int, Int, Int, String) {
            let o = occupations[d]
            let words = Set(LabelIndex.fold(o.labelEnglish).split(separator: " ").map(LabelIndex.stem))
            return (words.intersection(title).count, o.alternativeLabels.count, -o.labelEnglish.count, o.uri)
        }
        // Larger title overlap, more names, shorter label; the URI only to break a last tie.
        return candidates.max { a, b in
            let (ka, kb) = (key(a), key(b))
            return (ka.0, ka.1, ka.2) != (kb.0, kb.1, kb.2) ? (ka.0, ka.1, ka.2) < (kb.0, kb.1, kb.2) : ka.3 > kb.3
        }
    }

    /// For a word that names several occupations: the unit group most of them are in, and its
    /// representative among them.
    public func likeliest(_ candidates: [Int]) -> Int? {
        guard !candidates.isEmpty else { return nil }
        var count: [String: Int] = [:]
        for d in candidates { count[occupations[d].isco, default: 0] += 1 }
        let group = count.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
        return representative(among: candidates.filter { occupations[$0].isco == group }, group: group)
    }
}
