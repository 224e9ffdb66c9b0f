import LabourData

/// Warnings about an input, printed on stderr after it is read: the first 20 with their place,
/// then how many more, so a file of 5,000 profiles does not flood the terminal.
final class WarningList {
    private(set) var items: [Diagnostic] = []

    func add(_ d: Diagnostic) { items.append(d) }

    func print(more what: String) {
        for d in items.prefix(20) { FileHandleStderr.write("warning: \(d)\n") }
        if items.count > 20 { FileHandleStderr.write("warning: \(items.count - 20) more \(what)\n") }
    }
}
