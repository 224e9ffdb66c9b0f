import Foundation

/// Names as counsellors type them — French or English, without accents, in the plural, with a
/// typo — matched to the concepts they name (ESCO skills or occupations, by index).
///
/// Labels and queries are folded the same way: lower case, accents and punctuation dropped,
/// French elisions (l', d') and a plural -s/-x taken off each word. A query matches exactly when
/// its folded form is a folded label; otherwise the closest labels by edit distance over the
/// folded text (Damerau–Levenshtein, at most one edit per six characters) are weighed, and a
/// match must be clearly closer than any label of another concept, else it is ambiguous.
public struct LabelIndex: Sendable {
    public struct Entry: Sendable {
        /// The label as written, and folded.
        public let label: String
        public let folded: String
        /// The concept it names.
        public let target: Int
        /// Preferred label (else an alternative one).
        public let preferred: Bool
    }

    public enum Resolution: Sendable, Equatable {
        case match(Int)
        /// Several concepts fit equally well: their indices, closest first.
        case ambiguous([Int])
        /// Nothing close enough; the nearest concepts, closest first.
        case unknown([Int])
    }

    public private(set) var entries: [Entry] = []
    /// Folded label → entries.
    var exact: [String: [Int]] = [:]
    /// First three letters of each folded word → entries.
    var byPrefix: [String: [Int]] = [:]
    /// Each entry's folded words.
    var words: [[Substring]] = []
    /// Each entry's word stems (and how many words), worked out once rather than on every query.
    var stems: [Set<Substring>] = []
    var stemCounts: [Int] = []

    public init(labels: [(label: String, target: Int, preferred: Bool)]) {
        for l in labels where !l.label.isEmpty {
            let f = Self.fold(l.label)
            guard !f.isEmpty else { continue }
            let k = entries.count
            entries.append(Entry(label: l.label, folded: f, target: l.target, preferred: l.preferred))
            exact[f, default: []].append(k)
            let w = f.split(separator: " ")
            words.append(w)
            let st = w.map(Self.stem)
            stems.append(Set(st))
            stemCounts.append(st.count)
            for word in Set(w.map { String($0.prefix(3)) }) { byPrefix[word, default: []].append(k) }
        }
    }

    /// Little words that carry no meaning in a skill's name, French and English.
    static let stopWords: Set<String> = ["a", "l", "d", "au", "aux", "de", "des", "du", "la", "le", "les", "un", "une", "et", "en", "pour", "par",
                                         "sur", "dan", "avec", "the", "of", "an", "to", "and", "for", "in", "on", "with"]

    /// A word's stem for matching words as typed: common French and English endings off
    /// (souder, soudage, soudure → soud; welding, welder → weld).
    static func stem(_ w: Substring) -> Substring {
        for suffix in ["ement", "ation", "ateur", "atrice", "euse", "eur", "age", "ure", "ing", "ion", "er", "ir", "ed", "e"]
        where w.count > suffix.count + 2 && w.hasSuffix(suffix) {
            return w.dropLast(suffix.count)
        }
        return w
    }

    /// Lower case, no accents or punctuation, no elisions or little words, singular words,
    /// single spaces.
    public static func fold(_ s: String) -> String {
        let plain = s.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var words: [String] = []
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            if word.count > 3 && (word.hasSuffix("s") || word.hasSuffix("x")) && !word.hasSuffix("ss") { word.removeLast() }
            words.append(word)
            word = ""
        }
        for ch in plain {
            if ch.isLetter || ch.isNumber {
                word.append(ch)
            } else if (ch == "'" || ch == "’") && (word == "l" || word == "d" || word == "qu" || word == "j" || word == "s" || word == "n") {
                word = ""   // l'arc → arc
            } else {
                flush()
            }
        }
        flush()
        let meaningful = words.filter { !stopWords.contains($0) }
        return (meaningful.isEmpty ? words : meaningful).joined(separator: " ")
    }

    /// The concept a typed name means.
    public func resolve(_ text: String) -> Resolution {
        let q = Self.fold(text)
        guard !q.isEmpty else { return .unknown([]) }
        if let hits = exact[q] {
            let targets = Self.distinct(hits.map { entries[$0].target })
            if targets.count == 1 { return .match(targets[0]) }
            // A concept's own name beats another's alternative name: "electrician" is ESCO's
            // electrician, though domestic and maintenance electricians list it among theirs.
            let named = Self.distinct(hits.filter { entries[$0].preferred }.map { entries[$0].target })
            return named.count == 1 ? .match(named[0]) : .ambiguous(named.isEmpty ? targets : named + targets.filter { !named.contains($0) })
        }
        // Every word typed (by its stem) in a label: the labels with the fewest other words win,
        // when they name one concept ("souder à l'arc" → "appliquer des techniques de soudage à
        // l'arc"); several concepts at that level ask.
        let typed = Set(q.split(separator: " ").map(Self.stem))
        var containing: [(extra: Int, target: Int)] = []
        let pool = candidates(q)
        for k in pool where typed.isSubset(of: stems[k]) {
            containing.append((stemCounts[k] - typed.count, entries[k].target))
        }
        let scored = nearest(q, in: pool, limit: 400)
        if let fewest = containing.map(\.extra).min(), fewest <= 2 || scored.first.map({ $0.distance > max(1, q.count / 6) }) ?? true {
            let closest = Self.distinct(containing.filter { $0.extra == fewest }.map(\.target).sorted())
            if closest.count == 1 { return .match(closest[0]) }
            return .ambiguous(Array(closest.prefix(5)))
        }
        guard let best = scored.first else { return .unknown([]) }
        let allowed = max(1, q.count / 6)
        let targets = Self.distinct(scored.map(\.target))
        if best.distance <= allowed {
            // Clearly closest: no other concept within the same distance.
            let rivals = scored.filter { $0.distance == best.distance && $0.target != best.target }
            if rivals.isEmpty { return .match(best.target) }
            return .ambiguous(Self.distinct([best.target] + rivals.map(\.target)).prefix(5).map { $0 })
        }
        // Suggestions: what a type-ahead would offer, else the nearest spellings.
        let offered = search(text, top: 3).map(\.target)
        return .unknown(offered.isEmpty ? Array(targets.prefix(3)) : offered)
    }

    /// Entries sharing a word's first three letters with the folded query.
    func candidates(_ q: String) -> Set<Int> {
        var pool = Set<Int>()
        for w in q.split(separator: " ") { for k in byPrefix[String(w.prefix(3))] ?? [] { pool.insert(k) } }
        return pool
    }

    /// Labels starting with, or containing words starting with, what has been typed: for a
    /// type-ahead. Whole-label prefixes first, then word prefixes, then near spellings; preferred
    /// labels before alternative ones, shorter before longer.
    public func search(_ text: String, top: Int = 10) -> [Entry] {
        let q = Self.fold(text)
        guard !q.isEmpty else { return [] }
        let typed = q.split(separator: " ").map(Self.stem)
        // Only labels with a word starting as each typed word (by its first three letters) can
        // match; short words are checked on the labels the longer ones leave.
        var pool: [Int]? = nil
        for w in typed where w.count >= 3 {
            let hits = byPrefix[String(w.prefix(3))] ?? []
            pool = pool.map { p in let h = Set(hits); return p.filter(h.contains) } ?? hits
        }
        var ranked: [(rank: Int, entry: Int)] = []
        for k in pool ?? Array(entries.indices) {
            if entries[k].folded.hasPrefix(q) { ranked.append((0, k)); continue }
            let labelWords = words[k]
            if typed.allSatisfy({ w in labelWords.contains { $0.hasPrefix(w) } }) { ranked.append((1, k)) }
        }
        if ranked.count < top {
            let have = Set(ranked.map(\.entry))
            for s in nearest(q, in: candidates(q), limit: 200) where s.distance <= max(1, q.count / 6) && !have.contains(s.entry) { ranked.append((2, s.entry)) }
        }
        ranked.sort { a, b in
            let x = entries[a.entry], y = entries[b.entry]
            return (a.rank, x.preferred ? 0 : 1, x.folded.count, x.folded) < (b.rank, y.preferred ? 0 : 1, y.folded.count, y.folded)
        }
        var seen = Set<Int>(), out: [Entry] = []
        for r in ranked where seen.insert(entries[r.entry].target).inserted {
            out.append(entries[r.entry])
            if out.count == top { break }
        }
        return out
    }

    /// Entries of `pool` (those sharing a word's first three letters with the query), by edit distance.
    func nearest(_ q: String, in pool: Set<Int>, limit: Int) -> [(entry: Int, target: Int, distance: Int)] {
        let query = Array(q.unicodeScalars)
        var scored = pool.map { k -> (entry: Int, target: Int, distance: Int) in
            (k, entries[k].target, Self.distance(query, Array(entries[k].folded.unicodeScalars), cap: 8))
        }
        scored.sort { ($0.distance, entries[$0.entry].preferred ? 0 : 1, entries[$0.entry].folded) < ($1.distance, entries[$1.entry].preferred ? 0 : 1, entries[$1.entry].folded) }
        return Array(scored.prefix(limit))
    }

    /// Optimal-string-alignment Damerau–Levenshtein distance, stopped early above `cap`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], cap: Int) -> Int {
        if abs(a.count - b.count) > cap { return cap + 1 }
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return max(n, m) }
        var prev2 = [Int](repeating: 0, count: m + 1), prev = Array(0...m), cur = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...m {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
                cur[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > cap { return cap + 1 }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[m]
    }

    static func distinct(_ xs: [Int]) -> [Int] {
        var seen = Set<Int>()
        return xs.filter { seen.insert($0).inserted }
    }
}

extension ESCO {
    /// Skills by their preferred labels, English and French.
    public func skillLabels() -> LabelIndex {
        LabelIndex(labels: skills.enumerated().flatMap { i, s in [(s.labelEnglish, i, true), (s.labelFrench, i, true)] })
    }

    /// Occupations by their preferred and alternative labels, English and French.
    public func occupationLabels() -> LabelIndex {
        LabelIndex(labels: occupations.enumerated().flatMap { i, o in
            [(o.labelEnglish, i, true), (o.labelFrench, i, true)] + o.alternativeLabels.map { ($0, i, false) }
        })
    }
}
