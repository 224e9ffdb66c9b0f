/// Text made safe for HTML: every string that reaches a page goes through `escape`, so a
/// `<script>` typed as a skill label comes back as text.
public enum HTML {
    public static func escape(_ s: String) -> String {
        // Most texts have nothing to escape: hand them back as they are.
        if !s.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A query string from parameters (percent-encoded; values are codes, never personal data).
    public static func query(_ items: [(String, String)]) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".unicodeScalars)
        func enc(_ s: String) -> String {
            s.utf8.map { b -> String in
                let u = Unicode.Scalar(b)
                return b < 128 && allowed.contains(u) ? String(Character(u)) : String(format: "%%%02X", b)
            }.joined()
        }
        return items.map { "\(enc($0.0))=\(enc($0.1))" }.joined(separator: "&amp;")
    }
}

import Foundation
