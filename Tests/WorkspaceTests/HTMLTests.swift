import Testing
@testable import Workspace

/// Pages are trees of typed nodes and markup is written in one place (`HTML.render`): what a page
/// shows is escaped there, whatever it holds.
@Suite("HTML nodes: the one place markup is written")
struct HTMLTests {
    @Test("text and attribute values are escaped, interpolations included; names come from the code")
    func escaping() {
        let typed = "<script>alert('x')</script> & \"quoted\""
        let node: HTML = .p([.class("note"), .init("title", typed)], "typed: \(typed)")
        #expect(node.rendered == "<p class=\"note\" title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;\">"
                + "typed: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;</p>")
        #expect(HTML.text("a<b").rendered == "a&lt;b")
        #expect(HTML.textarea([.name("skills")], "</textarea><b>").rendered == "<textarea name=\"skills\">&lt;/textarea&gt;&lt;b&gt;</textarea>")
    }

    @Test("boolean attributes are there or not; void elements have no end tag; groups add nothing")
    func structure() {
        let select: HTML = .select([.name("region")], [.option([.value("MA-06"), .selected(true)], "Casablanca"),
                                                        .option([.value("MA-04"), .selected(false)], "Rabat")])
        #expect(select.rendered == "<select name=\"region\"><option value=\"MA-06\" selected>Casablanca</option><option value=\"MA-04\">Rabat</option></select>")
        #expect(HTML.input([.name("years"), .value("8")]).rendered == "<input name=\"years\" value=\"8\">")
        #expect(HTML.group([.text("a"), .br, .empty, .text("b")]).rendered == "a<br>b")
        #expect(HTML.table(head: [.th("x"), .numHeader("n")], rows: [.tr(.td("a"), .num("1"))]).rendered
                == "<table><thead><tr><th>x</th><th class=\"num\">n</th></tr></thead><tbody><tr><td>a</td><td class=\"num\">1</td></tr></tbody></table>")
    }

    @Test("a link's query joins parameters with & and is escaped as &amp; in the attribute")
    func links() {
        let q = HTML.query([("region", "MA-06"), ("major", "7"), ("q", "soudeur à l'arc")])
        #expect(q == "region=MA-06&major=7&q=soudeur%20%C3%A0%20l%27arc")
        #expect(HTML.link("/fr/shortages?\(q)", "liste").rendered == "<a href=\"/fr/shortages?region=MA-06&amp;major=7&amp;q=soudeur%20%C3%A0%20l%27arc\">liste</a>")
    }

    @Test("the frame escapes the title in <title> and <h1>, and sets language and direction")
    func layout() {
        let page = Layout.page(.ar, title: "<b>عنوان</b>", path: "shortages", query: "region=MA-06&sort=p", body: .p("x"))
        #expect(page.hasPrefix("<!doctype html>\n<html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">"))
        #expect(page.contains("<title>&lt;b&gt;عنوان&lt;/b&gt; — Mizan</title>"))
        #expect(page.contains("<h1>&lt;b&gt;عنوان&lt;/b&gt;</h1><p>x</p></main>"))
        #expect(page.contains("href=\"/fr/shortages?region=MA-06&amp;sort=p\""))
        #expect(!page.contains("<b>"))
    }
}
