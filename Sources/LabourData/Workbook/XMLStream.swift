import Foundation

/// A streaming tokenizer for the XML of spreadsheet parts: bytes arrive in chunks (as a zip
/// entry inflates) and come out as start tags, end tags and text, so a 100 MB worksheet is
/// never held whole. It knows what SpreadsheetML needs — elements, attributes, character
/// data, the five entities and numeric references — and skips declarations, comments and
/// processing instructions.
struct XMLStream {
    enum Event {
        case start(name: Substring, attributes: [Substring: String], selfClosing: Bool)
        case end(name: Substring)
        case text(String)
    }

    private var pending: [UInt8] = []

    /// Feeds a chunk; `handle` receives every complete event in order.
    mutating func feed(_ chunk: Data, _ handle: (Event) throws -> Void) throws {
        pending.append(contentsOf: chunk)
        var i = 0
        let n = pending.count
        try pending.withUnsafeBufferPointer { b in
            while i < n {
                if b[i] == UInt8(ascii: "<") {
                    guard let close = Self.find(b, UInt8(ascii: ">"), from: i + 1) else { break }
                    let tag = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<close]), as: UTF8.self)
                    i = close + 1
                    if tag.hasPrefix("?") || tag.hasPrefix("!") { continue }
                    if tag.hasPrefix("/") {
                        try handle(.end(name: Self.localName(tag.dropFirst().prefix { !$0.isWhitespace })))
                        continue
                    }
                    let selfClosing = tag.hasSuffix("/")
                    let body = selfClosing ? tag.dropLast() : Substring(tag)
                    let name = body.prefix { !$0.isWhitespace }
                    try handle(.start(name: Self.localName(name), attributes: Self.attributes(body.dropFirst(name.count)), selfClosing: selfClosing))
                    if selfClosing { try handle(.end(name: Self.localName(name))) }
                } else {
                    let end = Self.find(b, UInt8(ascii: "<"), from: i) ?? n
                    if end == n { break }  // text may continue in the next chunk
                    let raw = String(decoding: UnsafeBufferPointer(rebasing: b[i..<end]), as: UTF8.self)
                    try handle(.text(Self.unescape(raw)))
                    i = end
                }
            }
        }
        pending.removeFirst(i)
    }

    static func find(_ b: UnsafeBufferPointer<UInt8>, _ byte: UInt8, from: Int) -> Int? {
        var k = from
        while k < b.count { if b[k] == byte { return k }; k += 1 }
        return nil
    }

    /// `x:row` → `row`: workbooks may prefix the main namespace.
    static func localName(_ s: Substring) -> Substring {
        if let colon = s.lastIndex(of: ":") { return s[s.index(after: colon)...] }
        return s
    }

    static func attributes(_ s: Substring) -> [Substring: String] {
        var out: [Substring: String] = [:]
        var rest = s[...]
        while let eq = rest.firstIndex(of: "=") {
            let key = rest[..<eq].trimmingCharacters(in: .whitespacesAndNewlines)
            var after = rest[rest.index(after: eq)...].drop { $0.isWhitespace }
            guard let quote = after.first, quote == "\"" || quote == "'" else { break }
            after = after.dropFirst()
            guard let close = after.firstIndex(of: quote) else { break }
            out[Substring(key)] = unescape(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = s[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { out += rest[amp...]; return out }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let code = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16) : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let c = code, let u = Unicode.Scalar(c) { out.unicodeScalars.append(u) } else { out += "&\(entity);" }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
