import Foundation

/// Named points where a test can make the real binary fail as nothing else would
/// (`MIZAN_FAILPOINT=name`): the yearly job freezes there to be killed (`reach`, with
/// `MIZAN_FAILPOINT_FILE=path` created when the point is reached), or a stage behaves as a bug
/// would (`isSet`). Off unless set; reads no data and writes nothing else.
///
/// Only debug builds (the ones `swift test` builds and runs) read the variable: in a release
/// binary — what `make outlook` and a production job run — no environment can freeze or break a
/// stage, and every point is a constant `false` the optimiser removes.
public enum Failpoint {
    /// Whether `name` is the point a test asked for.
    public static func isSet(_ name: String) -> Bool {
        #if DEBUG
        return ProcessInfo.processInfo.environment["MIZAN_FAILPOINT"] == name
        #else
        return false
        #endif
    }

    /// Freezes here, until killed, when `name` is asked for and a marker file is named.
    public static func reach(_ name: String) {
        guard isSet(name), let marker = ProcessInfo.processInfo.environment["MIZAN_FAILPOINT_FILE"] else { return }
        _ = FileManager.default.createFile(atPath: marker, contents: Data(name.utf8))
        while true { sleep(60) }   // until killed
    }
}
