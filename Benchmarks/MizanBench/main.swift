// mizan-bench: the Mizan side of the side-by-side benchmarks in Benchmarks/run.py.
// Each case reads the same input files as its peer script and prints one JSON line.
import Foundation
import LabourData
import LinearAlgebra

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

func readDoubles(_ path: String, count: Int) -> [Double] {
    guard let data = FileManager.default.contents(atPath: path), data.count == count * 8 else {
        FileHandle.standardError.write(Data("mizan-bench: \(path) missing or not \(count) doubles\n".utf8))
        exit(66)
    }
    return data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func emit(_ fields: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

var args = CommandLine.arguments.dropFirst()
guard let command = args.popFirst() else {
    print("usage: mizan-bench gemm|lstsq|read-panel|write-xlsx [--key value …]")
    exit(64)
}
var opts: [String: String] = [:]
while let k = args.popFirst() {
    guard k.hasPrefix("--"), let v = args.popFirst() else { print("bad option \(k)"); exit(64) }
    opts[String(k.dropFirst(2))] = v
}
let reps = Int(opts["reps"] ?? "5")!
let dir = opts["dir"] ?? "."

switch command {
case "gemm":
    let n = Int(opts["n"]!)!
    let a = try Matrix(rows: n, columns: n, columnMajor: readDoubles("\(dir)/gemm_\(n)_a.bin", count: n * n))
    let b = try Matrix(rows: n, columns: n, columnMajor: readDoubles("\(dir)/gemm_\(n)_b.bin", count: n * n))
    var c = Matrix(rows: n, columns: n)
    try BLAS.gemm(.none, a, .none, b, into: &c)  // warm-up (thread start)
    var times: [Double] = []
    for _ in 0..<reps {
        let t = now()
        try BLAS.gemm(.none, a, .none, b, into: &c)
        times.append(now() - t)
    }
    let flops = 2.0 * Double(n) * Double(n) * Double(n)
    emit(["case": "gemm", "n": n, "median_s": median(times), "best_s": times.min()!,
          "gflops_median": flops / median(times) / 1e9, "checksum": c.storage.reduce(0, +)])
case "lstsq":
    let m = Int(opts["m"]!)!, n = Int(opts["n"]!)!
    let x = try Matrix(rows: m, columns: n, columnMajor: readDoubles("\(dir)/lstsq_\(m)x\(n)_x.bin", count: m * n))
    let y = readDoubles("\(dir)/lstsq_\(m)x\(n)_y.bin", count: m)
    var times: [Double] = []
    var fit: LeastSquaresFit?
    for _ in 0..<reps {
        let t = now()
        fit = try LeastSquares.fit(x, y)
        times.append(now() - t)
    }
    emit(["case": "lstsq", "m": m, "n": n, "median_s": median(times), "best_s": times.min()!,
          "b0": fit!.coefficients[0], "refinement_steps": fit!.refinementSteps])
case "write-xlsx":
    // The same table as an Excel workbook, for timing .xlsx reading against CSV.
    let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: opts["file"]!)))
    let (header, rows) = XLSXWriter.rows(fromCSV: bytes)
    try XLSXWriter.data(header: header, rows: rows, sheet: "panel").write(to: URL(fileURLWithPath: opts["out"]!))
    emit(["case": "write-xlsx", "rows": rows.count])
case "read-panel":
    let file = opts["file"]!
    let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
    var times: [Double] = []
    var rows = 0
    var usage = rusage()
    for rep in 0..<reps {
        let t = now()
        let p = try PanelReader.read(contentsOf: URL(fileURLWithPath: file))
        times.append(now() - t)
        rows = p.rowCount
        // Peak memory of one read in a fresh process (later repetitions overlap allocations).
        if rep == 0 { getrusage(RUSAGE_SELF.rawValue, &usage) }
    }
    emit(["case": "read-panel", "bytes": size, "rows": rows, "median_s": median(times), "best_s": times.min()!,
          "mb_s_median": Double(size) / median(times) / 1e6, "peak_rss_mb": Double(usage.ru_maxrss) / 1024])
case "skills-search":
    // Type-ahead: ESCO loaded and the label index built once, then queries as a counsellor
    // types them (prefixes of real labels, typos, French without accents), each timed.
    let esco = try ESCO.load(directory: URL(fileURLWithPath: opts["esco"]!))
    let t0 = now()
    let index = esco.skillLabels()
    let build = now() - t0
    let queries = ["soud", "souder a l arc", "weld", "aplly arc welding", "conduire camion", "soins infirm", "cuisine", "maconnerie",
                   "electricite batiment", "plomberie", "peindre", "carreler", "couture", "agriculture irrigation", "nettoyer",
                   "service client", "chariot elevateur", "boulangerie", "installer cables", "reparer moteur"]
    var times: [Double] = []
    for _ in 0..<reps {
        for q in queries {
            let t = now()
            _ = index.search(q, top: 10)
            times.append(now() - t)
        }
    }
    emit(["case": "skills-search", "queries": times.count, "median_ms": median(times) * 1e3, "p95_ms": times.sorted()[Int(0.95 * Double(times.count - 1))] * 1e3,
          "index_build_s": build, "labels": index.entries.count])
default:
    print("unknown case \(command)")
    exit(64)
}
