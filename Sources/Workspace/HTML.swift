/// URLs of the workspace's pages. Text on a page goes through `HTMLText.escape` (MizanSupport).
public enum HTML {
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
