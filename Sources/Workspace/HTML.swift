import MizanSupport

/// A piece of a workspace page: an element with its attributes and children, a text, or a group.
/// Pages build trees of these from typed values and the markup is written in one place
/// (`render`), so what a page shows cannot break out of it: every text and every attribute
/// value is escaped there (`HTMLText.escape`), element names are a closed set (`Tag`) and
/// attribute names are literals in the code (`StaticString`). The only markup that enters whole is
/// an SVG chart, built by `FanChart` from numbers with its one label escaped (`HTML.svg`).
///
/// A string literal is a text node, interpolations included: `.td("\(n) \(t(.rows))")`
/// escapes whatever `n` and the label hold.
public struct HTML: Sendable {
    enum Content: Sendable {
        case element(Tag, [Attribute], [HTML])
        case text(String)
        case svg(String)
        case group([HTML])
    }
    let content: Content

    /// Element names a page may use.
    public enum Tag: String, Sendable {
        case html, head, meta, title, link, body, header, nav, main, script
        case h1, h2, h3, p, span, strong, pre, div, br
        case a, ul, ol, li, table, thead, tbody, tr, th, td, figure, figcaption
        case form, label, input, textarea, select, option, button
        /// Elements with no content and no end tag.
        var isVoid: Bool { self == .meta || self == .link || self == .input || self == .br }
    }

    /// An attribute: a name written in the code and a value (escaped when rendered), or a
    /// boolean attribute that is there or not (`selected`, `checked`, `download`).
    public struct Attribute: Sendable {
        let name: StaticString
        let value: String?
        let present: Bool
        public init(_ name: StaticString, _ value: String) { self.name = name; self.value = value; present = true }
        public static func flag(_ name: StaticString, _ on: Bool = true) -> Attribute { .init(name: name, on) }
        private init(name: StaticString, _ on: Bool) { self.name = name; value = nil; present = on }

        public static func `class`(_ v: String) -> Attribute { .init("class", v) }
        public static func href(_ v: String) -> Attribute { .init("href", v) }
        public static func lang(_ v: String) -> Attribute { .init("lang", v) }
        public static func name(_ v: String) -> Attribute { .init("name", v) }
        public static func value(_ v: String) -> Attribute { .init("value", v) }
        public static func id(_ v: String) -> Attribute { .init("id", v) }
        public static func selected(_ on: Bool) -> Attribute { .flag("selected", on) }
        public static func checked(_ on: Bool) -> Attribute { .flag("checked", on) }
    }

    public static func text(_ s: String) -> HTML { HTML(content: .text(s)) }
    public static func group(_ children: [HTML]) -> HTML { HTML(content: .group(children)) }
    public static let empty = HTML(content: .group([]))
    public static func element(_ tag: Tag, _ attributes: [Attribute] = [], _ children: [HTML]) -> HTML {
        HTML(content: .element(tag, attributes, children))
    }
    /// A fan chart (`FanChart.svg`: numbers, and a label it escapes itself).
    public static func svg(_ markup: String) -> HTML { HTML(content: .svg(markup)) }

    /// The markup.
    public var rendered: String {
        var out = ""
        render(into: &out)
        return out
    }

    /// A whole page: the doctype, then this `<html>` element.
    public var document: String { "<!doctype html>\n" + rendered }

    func render(into out: inout String) {
        switch content {
        case .text(let s): out += HTMLText.escape(s)
        case .svg(let s): out += s
        case .group(let children): for c in children { c.render(into: &out) }
        case .element(let tag, let attributes, let children):
            out += "<" + tag.rawValue
            for a in attributes where a.present {
                out += " \(a.name)"
                if let v = a.value { out += "=\"" + HTMLText.escape(v) + "\"" }
            }
            out += ">"
            guard !tag.isVoid else { return }
            for c in children { c.render(into: &out) }
            out += "</" + tag.rawValue + ">"
        }
    }

    /// A query string from parameters, percent-encoded (values are codes, never personal data);
    /// escaped like any attribute value when it is part of a link.
    public static func query(_ items: [(String, String)]) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".unicodeScalars)
        func enc(_ s: String) -> String {
            s.utf8.map { b -> String in
                let u = Unicode.Scalar(b)
                return b < 128 && allowed.contains(u) ? String(Character(u)) : String(format: "%%%02X", b)
            }.joined()
        }
        return items.map { "\(enc($0.0))=\(enc($0.1))" }.joined(separator: "&")
    }
}

extension HTML: ExpressibleByStringInterpolation {
    public init(stringLiteral s: String) { content = .text(s) }
    public init(stringInterpolation i: DefaultStringInterpolation) { content = .text(String(stringInterpolation: i)) }
}

// The elements pages use: `.tag(children…)` or `.tag([attributes], children…)`.
public extension HTML {
    static func p(_ c: HTML...) -> HTML { element(.p, [], c) }
    static func p(_ a: [Attribute], _ c: HTML...) -> HTML { element(.p, a, c) }
    static func h1(_ c: HTML...) -> HTML { element(.h1, [], c) }
    static func h1(_ a: [Attribute], _ c: HTML...) -> HTML { element(.h1, a, c) }
    static func h2(_ c: HTML...) -> HTML { element(.h2, [], c) }
    static func h2(_ a: [Attribute], _ c: HTML...) -> HTML { element(.h2, a, c) }
    static func h3(_ c: HTML...) -> HTML { element(.h3, [], c) }
    static func h3(_ a: [Attribute], _ c: HTML...) -> HTML { element(.h3, a, c) }
    static func span(_ c: HTML...) -> HTML { element(.span, [], c) }
    static func span(_ a: [Attribute], _ c: HTML...) -> HTML { element(.span, a, c) }
    static func strong(_ c: HTML...) -> HTML { element(.strong, [], c) }
    static func strong(_ a: [Attribute], _ c: HTML...) -> HTML { element(.strong, a, c) }
    static func pre(_ c: HTML...) -> HTML { element(.pre, [], c) }
    static func pre(_ a: [Attribute], _ c: HTML...) -> HTML { element(.pre, a, c) }
    static func div(_ c: HTML...) -> HTML { element(.div, [], c) }
    static func div(_ a: [Attribute], _ c: HTML...) -> HTML { element(.div, a, c) }
    static func a(_ c: HTML...) -> HTML { element(.a, [], c) }
    static func a(_ a: [Attribute], _ c: HTML...) -> HTML { element(.a, a, c) }
    static func li(_ c: HTML...) -> HTML { element(.li, [], c) }
    static func li(_ a: [Attribute], _ c: HTML...) -> HTML { element(.li, a, c) }
    static func tr(_ c: HTML...) -> HTML { element(.tr, [], c) }
    static func tr(_ a: [Attribute], _ c: HTML...) -> HTML { element(.tr, a, c) }
    static func th(_ c: HTML...) -> HTML { element(.th, [], c) }
    static func th(_ a: [Attribute], _ c: HTML...) -> HTML { element(.th, a, c) }
    static func td(_ c: HTML...) -> HTML { element(.td, [], c) }
    static func td(_ a: [Attribute], _ c: HTML...) -> HTML { element(.td, a, c) }
    static func label(_ c: HTML...) -> HTML { element(.label, [], c) }
    static func label(_ a: [Attribute], _ c: HTML...) -> HTML { element(.label, a, c) }
    /// A form's submit button.
    static func submit(_ c: HTML...) -> HTML { element(.button, [.init("type", "submit")], c) }
    /// A link to `href` (a path of this site built from codes).
    static func link(_ href: String, _ c: HTML...) -> HTML { element(.a, [.href(href)], c) }
    static func ul(_ items: [HTML]) -> HTML { element(.ul, [], items) }
    static func ol(_ a: [Attribute], _ items: [HTML]) -> HTML { element(.ol, a, items) }
    /// A number's cell (right-aligned) and its column header.
    static func num(_ c: HTML...) -> HTML { element(.td, [.class("num")], c) }
    static func numHeader(_ c: HTML...) -> HTML { element(.th, [.class("num")], c) }
    /// A table: a header row and body rows.
    static func table(head: [HTML], rows: [HTML]) -> HTML {
        element(.table, [], [element(.thead, [], [element(.tr, [], head)]), element(.tbody, [], rows)])
    }
    static func figure(_ c: HTML...) -> HTML { element(.figure, [], c) }
    static func figcaption(_ c: HTML...) -> HTML { element(.figcaption, [], c) }
    static func form(_ a: [Attribute], _ c: [HTML]) -> HTML { element(.form, a, c) }
    static func input(_ a: [Attribute]) -> HTML { element(.input, a, []) }
    static func textarea(_ a: [Attribute], _ text: String) -> HTML { element(.textarea, a, [.text(text)]) }
    static func select(_ a: [Attribute], _ options: [HTML]) -> HTML { element(.select, a, options) }
    static func option(_ a: [Attribute], _ c: HTML...) -> HTML { element(.option, a, c) }
    static let br = element(.br, [], [])
    /// A note: smaller, grey text.
    static func note(_ c: HTML...) -> HTML { element(.p, [.class("note")], c) }
}
