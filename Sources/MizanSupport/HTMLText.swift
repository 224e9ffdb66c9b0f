/// Text made safe for HTML, in element content and in quoted attributes alike: the one escape
/// of the outlook report, the profiling report and the web workspace, so that a `<script>` typed
/// as a skill label, or a quote in an occupation title, comes back as text everywhere.
public enum HTMLText {
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
}
