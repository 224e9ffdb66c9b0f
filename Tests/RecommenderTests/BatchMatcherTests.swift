import Foundation
import LabourData
import Recommender
import Testing

@Suite("Batch matching")
struct BatchMatcherTests {
    static func write(_ text: String, _ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("cosine scores by hand, top-N with ties broken by occupation, streaming equals in-memory")
    func cosine() throws {
        // o1 = (s1: 1, s2: 0.5), o2 = (s2: 1), o3 = (s3: 1).
        let occ = try Self.write("occupation,skill,weight\no1,s1,1\no1,s2,0.5\no2,s2,1\no3,s3,1\n", "occ")
        // p1 = (s1: 2, s2: 2): cos(p1, o1) = (2 + 1)/(√8 · √1.25) = 0.9487, cos(p1, o2) = 2/√8 = 0.7071.
        // p2 = (s9: 3) only an unknown skill: every score 0, occupations in order.
        var profiles = "profile_id,skill,level\n"
        profiles += "p1,s1,2\np1,s2,2\np2,s9,3\n"
        for i in 0..<50 { profiles += "q\(i),s\(i % 3 + 1),\(i % 5 + 1)\nq\(i),s2,1\n" }
        let prof = try Self.write(profiles, "prof")
        defer { try? FileManager.default.removeItem(at: occ); try? FileManager.default.removeItem(at: prof) }
        let m = try BatchMatcher.load(occupations: occ)
        let r = try m.match(profiles: prof, top: 2)
        #expect(r.profileIDs.prefix(2) == ["p1", "p2"])
        let p1 = r.top(0)
        #expect(m.occupationNames[p1[0].occupation] == "o1" && abs(Double(p1[0].score) - 3 / (8.0.squareRoot() * 1.25.squareRoot())) < 1e-6)
        #expect(m.occupationNames[p1[1].occupation] == "o2" && abs(Double(p1[1].score) - 2 / 8.0.squareRoot()) < 1e-6)
        #expect(r.top(1).map { m.occupationNames[$0.occupation] } == ["o1", "o2"] && r.top(1).allSatisfy { $0.score == 0 })
        // Tiny blocks force many block boundaries (and profiles cut across them).
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("top-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: out) }
        // Buffers smaller than one line grow; every size gives the same bytes.
        for block in [16, 37, 100, 1 << 20] {
            let count = try m.stream(profiles: prof, top: 2, to: out, blockBytes: block)
            #expect(count == 52)
            #expect(try Data(contentsOf: out) == Data(m.csv(r)), "block of \(block) bytes")
        }
    }

    @Test("a skill held at level 0 leaves each occupation once in the top N; quoted keys read as text; a bad weight is named at its cell")
    func edgesOfTheInput() throws {
        let occ = try Self.write("occupation,skill,weight\n\"o,1\",s1,1\no2, s1 ,2\no2,s2,1\no3,s3,1\n", "occ")
        // p1 touches o,1 and o2 through s1 at level 0 only, then o2 again through s2.
        let prof = try Self.write("profile_id,skill,level\np1,s1,0\np1,s2,1\np1,s1,0\n", "prof")
        let bad = try Self.write("occupation,skill,weight\no1,s1,1\no2,s2,heavy\n", "bad")
        defer { for u in [occ, prof, bad] { try? FileManager.default.removeItem(at: u) } }
        let m = try BatchMatcher.load(occupations: occ)
        #expect(m.occupationNames == ["o,1", "o2", "o3"])
        let top = try m.match(profiles: prof, top: 3).top(0).map { m.occupationNames[$0.occupation] }
        #expect(top == ["o2", "o,1", "o3"])
        #expect(Set(top).count == 3)
        // Quotes and CRLF line ends send a run to the CSV scanner: the same scores.
        let quoted = try Self.write("profile_id,skill,level\r\n\"p1\",s1,0\r\np1,\"s2\",1\r\np1,s1,0\r\n", "quoted")
        defer { try? FileManager.default.removeItem(at: quoted) }
        let q = try m.match(profiles: quoted, top: 3), plain = try m.match(profiles: prof, top: 3)
        #expect(q.profileIDs == plain.profileIDs && q.occupations == plain.occupations && q.scores == plain.scores)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("top-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try m.stream(profiles: prof, top: 2, to: out)
        #expect(try String(contentsOf: out, encoding: .utf8).contains("p1,2,\"o,1\",0\n"))
        // A level whose square overflows a Float would make every score NaN: refused, plain or quoted.
        for text in ["profile_id,skill,level\np1,s1,1e39\n", "profile_id,skill,level\n\"p1\",s1,-2e9\n"] {
            let huge = try Self.write(text, "huge")
            defer { try? FileManager.default.removeItem(at: huge) }
            do {
                _ = try m.stream(profiles: huge, top: 2, to: out)
                Issue.record("a level beyond ±1e9 is refused")
            } catch let e as InputError {
                #expect(e.diagnostics.first?.message.hasSuffix("is outside ±1e9") == true, "\(e.diagnostics)")
            }
        }
        do {
            _ = try BatchMatcher.load(occupations: bad)
            Issue.record("a weight that is not a number is refused")
        } catch {
            #expect(error.diagnostics.first.map { "\($0.line):\($0.column): \($0.message)" } == "3:7: weight 'heavy' is not a number")
        }
    }

    @Test("a bad row is named at its file line and column, in memory and streamed through blocks of any size, plain or quoted")
    func errorsNameTheirLine() throws {
        let occ = try Self.write("occupation,skill,weight\no1,s1,1\no2,s2,1\n", "occ")
        defer { try? FileManager.default.removeItem(at: occ) }
        let m = try BatchMatcher.load(occupations: occ)
        // 300 good profiles of two rows (lines 2–601), then the bad row on line 602.
        var good = "profile_id,skill,level\n"
        for i in 0..<300 { good += "p\(i),s1,\(i % 4 + 1)\np\(i),s2,1\n" }
        let cases: [(text: String, at: String)] = [
            (good + "p300,s1,lots\n", "602:9: level 'lots' is not a number"),
            (good + "p300,s1,-3e9\n", "602:9: level '-3e9' is outside ±1e9"),
            (good + "p300,s1\n", "602:6: a row has 2 fields where profile_id,skill,level has 3"),
            // A quoted field spanning two lines: the bad level is on the second of them.
            (good + "\"p\n300\",s1,x\n", "603:9: level 'x' is not a number"),
            (good + "p300,\"s1,1\n", "602:6: quoted field is never closed"),
        ]
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("top-\(UUID().uuidString).csv")
        for c in cases {
            let prof = try Self.write(c.text, "bad")
            defer { try? FileManager.default.removeItem(at: prof) }
            do {
                _ = try m.match(profiles: prof, top: 2)
                Issue.record("in memory: \(c.at) is refused")
            } catch {
                #expect(error.diagnostics.first.map { "\($0.line):\($0.column): \($0.message)" } == c.at)
                #expect(!error.isUnreadable)
            }
            for block in [64, 1000, 1 << 20] {
                do {
                    _ = try m.stream(profiles: prof, top: 2, to: out, blockBytes: block)
                    Issue.record("streamed: \(c.at) is refused")
                } catch let e as InputError {
                    #expect(e.diagnostics.first.map { "\($0.line):\($0.column): \($0.message)" } == c.at, "block of \(block) bytes")
                }
                #expect(!FileManager.default.fileExists(atPath: out.path))
            }
        }
    }

    @Test("the top-N file is the bytes CSVWriter writes field by field: quoted ids, ranks past 9, trimmed decimals")
    func fileIsCSVWriterBytes() throws {
        // 12 occupations sharing s1 at weights 1…12, so a profile holding s1 ranks all 12.
        var occupations = "occupation,skill,weight\n"
        for o in 1...12 { occupations += "occ \(o),s1,\(o)\nocc \(o),s\(o + 1),0.5\n" }
        let occ = try Self.write(occupations, "occ")
        let prof = try Self.write("profile_id,skill,level\n\"id, with comma\",s1,1\n\"id, with comma\",s3,2\nplain,s13,0.25\nplain,s1,3\n", "prof")
        defer { try? FileManager.default.removeItem(at: occ); try? FileManager.default.removeItem(at: prof) }
        let m = try BatchMatcher.load(occupations: occ)
        let r = try m.match(profiles: prof, top: 12)
        var w = CSVWriter(decimals: 6)
        w.row(["profile_id", "rank", "occupation", "score"])
        for i in r.profileIDs.indices {
            for (rank, t) in r.top(i).enumerated() {
                w.text(r.profileIDs[i]); w.comma(); w.int(rank + 1); w.comma()
                w.text(m.occupationNames[t.occupation]); w.comma(); w.number(Double(t.score)); w.newline()
            }
        }
        let file = String(decoding: m.csv(r), as: UTF8.self)
        #expect(file == String(decoding: w.bytes, as: UTF8.self))
        #expect(file.contains("\"id, with comma\",12,"))
        // plain = (s1: 3, s13: 0.25): occ 12 = (s1: 12, s13: 0.5) scores (36 + 0.125)/(√9.0625 · √144.25) = 0.9993…
        let expected = (36 + 0.125) / (9.0625.squareRoot() * 144.25.squareRoot())
        #expect(file.contains("plain,1,occ 12,\(CSVWriter.readBack(expected, decimals: 6))\n"))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("top-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try m.stream(profiles: prof, top: 12, to: out)
        #expect(try String(contentsOf: out, encoding: .utf8) == file)
    }
}
