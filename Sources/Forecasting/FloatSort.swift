/// In-place ascending sort of floats: quicksort with median-of-three pivots and insertion sort
/// for short runs. Interval computation sorts ~10⁵ samples of a few hundred paths; the standard
/// library's stable merge sort with a comparison closure is several times slower for this.
func sortFloats(_ a: UnsafeMutableBufferPointer<Float>) {
    guard a.count > 1 else { return }
    var stack: [(Int, Int)] = [(0, a.count - 1)]
    while let (lo0, hi0) = stack.popLast() {
        var lo = lo0, hi = hi0
        while hi - lo > 16 {
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while pivot < a[j] { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            // Recurse into the smaller part first (bounded stack), loop on the larger.
            if j - lo < hi - i {
                if lo < j { stack.append((lo, j)) }
                lo = i
            } else {
                if i < hi { stack.append((i, hi)) }
                hi = j
            }
        }
        if lo < hi {
            for k in (lo + 1)...hi {
                let v = a[k]
                var m = k - 1
                while m >= lo && a[m] > v { a[m + 1] = a[m]; m -= 1 }
                a[m + 1] = v
            }
        }
    }
}
