import LabourData
import Testing

/// The configuration parser against the cases of the TOML 1.0 specification it covers (tables,
/// dotted and quoted keys, basic strings with escapes, literal strings, integers and floats in
/// every written form, booleans, arrays over several lines with trailing commas, comments), and a
/// located refusal of what Mizan's files never need (inline tables, arrays of tables).
@Suite("SimpleTOML against TOML 1.0")
struct SimpleTOMLTests {
    func parse(_ text: String) throws -> SimpleTOML { try SimpleTOML(text: text, file: "c.toml") }

    @Test("strings: escapes in basic strings, literal strings as written, '#' inside a string is not a comment")
    func strings() throws {
        let t = try parse(#"""
        a = "tab\there \"quoted\" back\\slash \u00E9 \U0001F600"  # a comment
        b = 'C:\Users\nodejs\templates'
        c = "a # not a comment"
        "quoted key" = "x"
        """#)
        #expect(t.values["a"] == .string("tab\there \"quoted\" back\\slash é 😀"))
        #expect(t.values["b"] == .string(#"C:\Users\nodejs\templates"#))
        #expect(t.values["c"] == .string("a # not a comment"))
        #expect(t.values["quoted key"] == .string("x"))
    }

    @Test("numbers: signs, underscores, exponents, hexadecimal, inf")
    func numbers() throws {
        let t = try parse("i1 = +99\ni2 = -17\ni3 = 1_000\nf1 = +1.0\nf2 = -0.01\nf3 = 5e+22\nf4 = 6.626e-34\nf5 = 224_617.445_991\nh = 0xDEAD_BEEF\nx = inf\n")
        #expect(t.values["i1"] == .number(99) && t.values["i2"] == .number(-17) && t.values["i3"] == .number(1000))
        #expect(t.values["f1"] == .number(1) && t.values["f2"] == .number(-0.01) && t.values["f3"] == .number(5e22))
        #expect(t.values["f4"] == .number(6.626e-34) && t.values["f5"] == .number(224_617.445_991))
        #expect(t.values["h"] == .number(3_735_928_559) && t.values["x"] == .number(.infinity))
    }

    @Test("tables and dotted keys name the same values; booleans")
    func tables() throws {
        let t = try parse("[model]\nkind = \"hazard\"\n[tiers]\ncutoffs = [0.4, 0.8]\n[extra]\ncanal.kind = \"categorical\"\nflag = true\n")
        #expect(t.values["model.kind"] == .string("hazard") && t.values["tiers.cutoffs"] == .numbers([0.4, 0.8]))
        #expect(t.values["extra.canal.kind"] == .string("categorical") && t.values["extra.flag"] == .bool(true))
        #expect(t.keys(in: "extra") == ["canal.kind", "flag"])
    }

    @Test("arrays over several lines, with comments and a trailing comma; strings holding commas and brackets")
    func multilineArrays() throws {
        let t = try parse("""
        regions = [
          "MA-04",   # Rabat-Salé-Kénitra
          "MA-06",
        ]
        odd = ["a, b", 'c]d']
        after = 1
        """)
        #expect(t.values["regions"] == .strings(["MA-04", "MA-06"]))
        #expect(t.values["odd"] == .strings(["a, b", "c]d"]))
        #expect(t.values["after"] == .number(1) && t.positions["after"]?.line == 6)
    }

    @Test("what Mizan's files never need is refused where it is written")
    func refusals() {
        for (text, message) in [("x = { a = 1 }\n", "c.toml:1:5: inline tables are not used"),
                                ("[[products]]\nname = \"a\"\n", "c.toml:1:1: arrays of tables ([[name]]) are not used"),
                                ("a = 1\na = 2\n", "c.toml:2:1: 'a' is set twice"),
                                ("s = \"unterminated\n", "c.toml:1:5: '\"unterminated' is not a number"),
                                ("d = 1979-05-27\n", "c.toml:1:5: '1979-05-27' is not a number")] {
            do { _ = try parse(text); Issue.record("accepted: \(text)") } catch let error as InputError {
                #expect(error.diagnostics.first?.description.hasPrefix(message) == true, "\(error.diagnostics)")
            } catch { Issue.record("\(error)") }
        }
    }
}
