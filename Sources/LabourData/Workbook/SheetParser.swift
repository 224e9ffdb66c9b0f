import Foundation

/// The worksheet part of an .xlsx, parsed from bytes as they inflate: rows come out as soon as
/// their `</row>` has arrived. A byte-level scanner (not a general XML parser) because a sheet
/// holds millions of `<c>` elements and only a handful of element kinds matter.
struct SheetParser {
    struct Cell {
        var text: String
        var isDate = false
        var problem: String?
    }
    struct Row {
        var number: Int
        var cells: [Cell?]
        /// The sheet's first row: the header.
        var isFirst = false
    }

    let strings: [String]
    let dateStyles: Set<Int>
    private var pending: [UInt8] = []
    private(set) var firstRowNumber = -1
    private(set) var merged: [String] = []
    private var lastRowNumber = 0

    init(strings: [String], dateStyles: Set<Int>) {
        self.strings = strings
        self.dateStyles = dateStyles
    }

    mutating func feed(_ chunk: Data, _ emit: (Row) -> Void) {
        pending.append(contentsOf: chunk)
        let consumed = parse(emit, final: false)
        pending.removeFirst(consumed)
    }

    mutating func finish(_ emit: (Row) -> Void) {
        _ = parse(emit, final: true)
        pending.removeAll()
    }

    private enum Capture { case none, value, text }

    /// Parses complete rows and tags; returns how many bytes are done with.
    private mutating func parse(_ emit: (Row) -> Void, final: Bool) -> Int {
        var consumed = 0
        var row: Row?
        var cellColumn = 0, cellType: Substring = "", cellStyle = -1, hasFormula = false, inCell = false
        var value: String?, inline: String?
        var capture = Capture.none
        let bytes = pending
        let n = bytes.count
        var i = 0
        bytes.withUnsafeBufferPointer { b in
            while i < n {
                if b[i] != UInt8(ascii: "<") {
                    var j = i
                    while j < n && b[j] != UInt8(ascii: "<") { j += 1 }
                    if j == n { break }
                    if capture != .none {
                        let raw = XMLStream.unescape(String(decoding: UnsafeBufferPointer(rebasing: b[i..<j]), as: UTF8.self))
                        if capture == .value { value = (value ?? "") + raw } else { inline = (inline ?? "") + raw }
                    }
                    i = j
                    continue
                }
                var close = i + 1
                while close < n && b[close] != UInt8(ascii: ">") { close += 1 }
                if close == n { break }
                let tag = UnsafeBufferPointer(rebasing: b[(i + 1)..<close])
                i = close + 1
                guard let first = tag.first, first != UInt8(ascii: "?"), first != UInt8(ascii: "!") else {
                    if row == nil { consumed = i }
                    continue
                }
                let isEnd = first == UInt8(ascii: "/")
                let selfClosing = tag.last == UInt8(ascii: "/")
                let name = Self.localName(tag, skip: isEnd ? 1 : 0)
                if isEnd {
                    switch name {
                    case "v", "t": capture = .none
                    case "c":
                        if inCell { Self.finishCell(&row, cellColumn, cellType, cellStyle, hasFormula, value, inline, strings, dateStyles) }
                        inCell = false
                    case "row":
                        if let r = row { emit(r) }
                        row = nil
                        consumed = i
                    default: break
                    }
                    if row == nil && name != "row" { consumed = i }
                    continue
                }
                switch name {
                case "row":
                    let number = Self.attribute(tag, "r").flatMap { Int($0) } ?? (lastRowNumber + 1)
                    lastRowNumber = number
                    if firstRowNumber < 0 { firstRowNumber = number }
                    row = Row(number: number, cells: [], isFirst: number == firstRowNumber)
                    if selfClosing { emit(row!); row = nil; consumed = i }
                case "c":
                    let ref = Self.attribute(tag, "r")
                    cellColumn = ref.flatMap { XLSXReader.cellPosition(Substring($0))?.column } ?? (row?.cells.count ?? 0)
                    cellType = Substring(Self.attribute(tag, "t") ?? "n")
                    cellStyle = Self.attribute(tag, "s").flatMap { Int($0) } ?? -1
                    hasFormula = false; value = nil; inline = nil
                    inCell = !selfClosing
                case "v": capture = selfClosing ? .none : .value
                case "t": capture = selfClosing ? .none : .text
                case "f": hasFormula = true
                case "mergeCell":
                    if let ref = Self.attribute(tag, "ref") { merged.append(ref) }
                    if row == nil { consumed = i }
                default:
                    if row == nil { consumed = i }
                }
            }
        }
        return final ? n : consumed
    }

    static func finishCell(_ row: inout Row?, _ column: Int, _ type: Substring, _ style: Int, _ formula: Bool,
                           _ value: String?, _ inline: String?, _ strings: [String], _ dateStyles: Set<Int>) {
        guard row != nil else { return }
        var cell: Cell?
        switch type {
        case "s":
            if let v = value, let k = Int(v), k >= 0, k < strings.count { cell = Cell(text: strings[k]) }
            else if value != nil { cell = Cell(text: "", problem: "shared string \(value!) does not exist: the workbook is damaged") }
        case "inlineStr": cell = Cell(text: inline ?? "")
        case "str": cell = value.map { Cell(text: $0) }
        case "b": cell = value.map { Cell(text: $0 == "1" ? "1" : "0") }
        case "e": cell = Cell(text: "", problem: "the cell holds the error \(value ?? "#VALUE!")")
        case "d": cell = value.map { Cell(text: $0, isDate: true) }
        default:
            if let v = value {
                var text = v
                if v.contains("E") || v.contains("e"), let d = Double(v) {
                    text = d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
                }
                cell = Cell(text: text, isDate: dateStyles.contains(style))
            }
        }
        if cell == nil && formula {
            cell = Cell(text: "", problem: "the cell holds a formula without a computed value; open and save the workbook in Excel or LibreOffice, or paste the values")
        }
        guard let c = cell else { return }
        while row!.cells.count <= column { row!.cells.append(nil) }
        row!.cells[column] = c
    }

    /// The tag's name without a namespace prefix.
    static func localName(_ tag: UnsafeBufferPointer<UInt8>, skip: Int) -> Substring {
        var start = skip, end = skip
        while end < tag.count, tag[end] != 32, tag[end] != 9, tag[end] != 10, tag[end] != 13, tag[end] != UInt8(ascii: "/") {
            if tag[end] == UInt8(ascii: ":") { start = end + 1 }
            end += 1
        }
        return Substring(String(decoding: UnsafeBufferPointer(rebasing: tag[start..<end]), as: UTF8.self))
    }

    /// The value of attribute `name` in a start tag's bytes.
    static func attribute(_ tag: UnsafeBufferPointer<UInt8>, _ name: String) -> String? {
        let key = Array(name.utf8)
        var k = 0
        while k + key.count + 2 < tag.count {
            // A name preceded by a blank and followed by '='.
            if (tag[k] == 32 || tag[k] == 9 || tag[k] == 10 || tag[k] == 13) {
                var match = true
                for (o, c) in key.enumerated() where tag[k + 1 + o] != c { match = false; break }
                var e = k + 1 + key.count
                if match {
                    while e < tag.count && tag[e] == 32 { e += 1 }
                    if e < tag.count && tag[e] == UInt8(ascii: "=") {
                        e += 1
                        while e < tag.count && tag[e] == 32 { e += 1 }
                        guard e < tag.count else { return nil }
                        let quote = tag[e]
                        var f = e + 1
                        while f < tag.count && tag[f] != quote { f += 1 }
                        return XMLStream.unescape(String(decoding: UnsafeBufferPointer(rebasing: tag[(e + 1)..<f]), as: UTF8.self))
                    }
                }
            }
            k += 1
        }
        return nil
    }
}
