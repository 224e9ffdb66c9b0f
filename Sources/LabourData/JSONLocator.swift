/// Where things are in a JSON text, for messages: the line and column of the value at a path
/// (`skills[1]`, `occupations[0].years`) and of every key of every object. Foundation's decoder
/// says *what* is wrong with a coding path but not *where*; a pretty-printed profile deserves
/// "p.json:4:23", not "p.json:1:1".
///
/// The walk is iterative (no recursion, so deep nesting cannot exhaust the stack) and only needs
/// to be right on text that parses: the decoder has already said whether it does.
public enum JSONLocator {
    public enum Step: Hashable, Sendable, CustomStringConvertible {
        case key(String)
        case index(Int)
        public var description: String {
            switch self {
            case .key(let k): return k
            case .index(let i): return "[\(i)]"
            }
        }
    }

    public struct Position: Equatable, Sendable {
        /// 1-based; columns count characters, not bytes.
        public var line: Int
        public var column: Int
        public init(line: Int, column: Int) { self.line = line; self.column = column }
    }

    /// A key of an object: the path of the object, the key, where the key is written.
    public struct Key: Equatable, Sendable {
        public var object: [Step]
        public var name: String
        public var position: Position
    }

    /// Where the value at `path` starts; when the text stops short of it (a key that is missing),
    /// where its deepest existing ancestor starts.
    public static func position<Bytes: Collection<UInt8>>(of path: [Step], in bytes: Bytes) -> Position? {
        var best: (depth: Int, at: Position)?
        walk(bytes) { valuePath, at in
            guard valuePath.count <= path.count, Array(path.prefix(valuePath.count)) == valuePath else { return }
            if best == nil || valuePath.count > best!.depth { best = (valuePath.count, at) }
        } key: { _ in }
        return best?.at
    }

    /// Every key of every object, in the order written.
    public static func keys<Bytes: Collection<UInt8>>(in bytes: Bytes) -> [Key] {
        var out: [Key] = []
        walk(bytes) { _, _ in } key: { out.append($0) }
        return out
    }

    private enum Expect { case value, key, separator }

    /// Calls `value` at the start of every value with its path, `key` for every object key.
    private static func walk<Bytes: Collection<UInt8>>(_ bytes: Bytes, value: ([Step], Position) -> Void, key: (Key) -> Void) {
        // One frame per open container: its key or index so far.
        var frames: [(isObject: Bool, step: Step?)] = []
        var expect = Expect.value
        var line = 1, column = 0
        var i = bytes.startIndex
        func path() -> [Step] { frames.compactMap(\.step) }
        func advance() {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") { line += 1; column = 0 } else if b & 0xC0 != 0x80 { column += 1 }
            i = bytes.index(after: i)
        }
        /// Reads a string starting at its opening quote; returns its text (escapes decoded for
        /// the simple cases keys use).
        func readString() -> String {
            advance()  // the opening quote
            var text: [UInt8] = []
            var escaped = false
            while i != bytes.endIndex {
                let c = bytes[i]
                advance()
                if escaped {
                    escaped = false
                    switch c {
                    case UInt8(ascii: "n"): text.append(10)
                    case UInt8(ascii: "t"): text.append(9)
                    default: text.append(c)
                    }
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    break
                } else {
                    text.append(c)
                }
            }
            return String(decoding: text, as: UTF8.self)
        }
        func closeContainer() {
            advance()
            if !frames.isEmpty { frames.removeLast() }
            expect = .separator
        }
        while i != bytes.endIndex {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                advance()
                continue
            default: break
            }
            let at = Position(line: line, column: column + 1)
            switch expect {
            case .key:
                if b == UInt8(ascii: "}") { closeContainer(); continue }
                guard b == UInt8(ascii: "\"") else { advance(); continue }
                let name = readString()
                key(Key(object: frames.dropLast().compactMap(\.step), name: name, position: at))
                frames[frames.count - 1].step = .key(name)
                // Up to the colon.
                while i != bytes.endIndex && bytes[i] != UInt8(ascii: ":") { advance() }
                if i != bytes.endIndex { advance() }
                expect = .value
            case .value:
                if b == UInt8(ascii: "]"), frames.last?.isObject == false { closeContainer(); continue }
                value(path(), at)
                switch b {
                case UInt8(ascii: "{"):
                    advance()
                    frames.append((true, nil))
                    expect = .key
                case UInt8(ascii: "["):
                    advance()
                    frames.append((false, .index(0)))
                    expect = .value
                case UInt8(ascii: "\""):
                    _ = readString()
                    expect = .separator
                default:
                    // A number or a literal: up to the next structural character.
                    while i != bytes.endIndex, !",]} \t\r\n".utf8.contains(bytes[i]) { advance() }
                    expect = .separator
                }
            case .separator:
                if b == UInt8(ascii: ",") {
                    advance()
                    guard let top = frames.last else { continue }
                    if top.isObject {
                        expect = .key
                    } else {
                        if case .index(let k) = top.step { frames[frames.count - 1].step = .index(k + 1) }
                        expect = .value
                    }
                } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                    closeContainer()
                } else {
                    advance()
                }
            }
        }
    }
}
