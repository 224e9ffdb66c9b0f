import ArgumentParser
import LabourData

/// sysexits(3) codes a scheduler can act on.
enum MizanExit {
    /// EX_DATAERR: the input data is wrong; the message says where.
    static let dataError = ExitCode(65)
    /// EX_NOINPUT: an input file does not exist or cannot be read.
    static let noInput = ExitCode(66)
    /// EX_SOFTWARE: a bug in Mizan.
    static let software = ExitCode(70)
    /// EX_CANTCREAT: an output cannot be written.
    static let cannotCreate = ExitCode(73)
}

/// Debug builds only: the failpoint `nonfinite-forecast` makes the guard against non-finite
/// output fire as a bug would, so the CLI tests can see exit 70 and nothing written from the
/// real binary. A release build has no such switch.
var internalFaultInjected: Bool {
    #if DEBUG
    Failpoint.isSet("nonfinite-forecast")
    #else
    false
    #endif
}

/// Prints diagnostics to standard error, one `file:line:column: message` per line.
func printDiagnostics(_ error: InputError) {
    var stderr = StandardError()
    print(error.description, to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleStderr.write(string)
    }
}

import Foundation
import MizanSupport
enum FileHandleStderr {
    static func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}

/// Runs one library stage on `file`'s data and maps its errors to exit codes in one place:
/// an input that cannot be read → 66, diagnostics and data errors → 65, with the file named;
/// any other error → `otherwise` (65, or 73 for a stage whose other failures are writes).
func dataStep<T>(_ file: String, otherwise: ExitCode = MizanExit.dataError, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as InputError {
        printDiagnostics(e)
        throw e.isUnreadable ? MizanExit.noInput : MizanExit.dataError
    } catch let e as ExitCode {
        throw e
    } catch let e as ValidationError {
        throw e
    } catch {
        FileHandleStderr.write("\(file): \(error)\n")
        throw otherwise
    }
}
