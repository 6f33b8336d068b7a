//! Go's `sort.Sort` (pattern-defeating quicksort) and `sort.Stable`, step for step.
//!
//! Some orders kubectl relies on are not total (go-yaml's key order, strategic merge
//! patch's list order), so the result depends on the algorithm; following Go's
//! `sort/zsortinterface.go` reproduces it, and unlike `slice::sort_by` never panics on an
//! inconsistent comparison.

/// Sorts like Go's `sort.Sort` with `less(a, b)`.
pub fn sort<T>(v: &mut [T], less: &mut dyn FnMut(&T, &T) -> bool) {
    let n = v.len();
    if n <= 1 {
        return;
    }
    let limit = bits_len(n);
    pdqsort(v, 0, n, limit, less);
}

/// Sorts like Go's `sort.Stable` / `sort.SliceStable` with `less(a, b)`.
pub fn stable<T>(v: &mut [T], less: &mut dyn FnMut(&T, &T) -> bool) {
    let n = v.len();
    let mut block = 20;
    let (mut a, mut b) = (0, block);
    while b <= n {
        insertion_sort(v, a, b, less);
        a = b;
        b += block;
    }
    insertion_sort(v, a, n, less);
    while block < n {
        a = 0;
        b = 2 * block;
        while b <= n {
            sym_merge(v, a, a + block, b, less);
            a = b;
            b += 2 * block;
        }
        let m = a + block;
        if m < n {
            sym_merge(v, a, m, n, less);
        }
        block *= 2;
    }
}

fn bits_len(n: usize) -> usize {
    (usize::BITS - n.leading_zeros()) as usize
}

fn lt<T>(v: &[T], i: usize, j: usize, less: &mut dyn FnMut(&T, &T) -> bool) -> bool {
    less(&v[i], &v[j])
}

fn insertion_sort<T>(v: &mut [T], a: usize, b: usize, less: &mut dyn FnMut(&T, &T) -> bool) {
    for i in a + 1..b {
        let mut j = i;
        while j > a && lt(v, j, j - 1, less) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

fn sift_down<T>(v: &mut [T], lo: usize, hi: usize, first: usize, less: &mut dyn FnMut(&T, &T) -> bool) {
    let mut root = lo;
    loop {
        let mut child = 2 * root + 1;
        if child >= hi {
            return;
        }
        if child + 1 < hi && lt(v, first + child, first + child + 1, less) {
            child += 1;
        }
        if !lt(v, first + root, first + child, less) {
            return;
        }
        v.swap(first + root, first + child);
        root = child;
    }
}

fn heap_sort<T>(v: &mut [T], a: usize, b: usize, less: &mut dyn FnMut(&T, &T) -> bool) {
    let first = a;
    let hi = b - a;
    let mut i = (hi as isize - 1) / 2;
    while i >= 0 {
        sift_down(v, i as usize, hi, first, less);
        i -= 1;
    }
    let mut i = hi as isize - 1;
    while i >= 0 {
        v.swap(first, first + i as usize);
        sift_down(v, 0, i as usize, first, less);
        i -= 1;
    }
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Hint {
    Unknown,
    Increasing,
    Decreasing,
}

fn pdqsort<T>(v: &mut [T], mut a: usize, mut b: usize, mut limit: usize, less: &mut dyn FnMut(&T, &T) -> bool) {
    const MAX_INSERTION: usize = 12;
    let mut was_balanced = true;
    let mut was_partitioned = true;
    loop {
        let length = b - a;
        if length <= MAX_INSERTION {
            insertion_sort(v, a, b, less);
            return;
        }
        if limit == 0 {
            heap_sort(v, a, b, less);
            return;
        }
        if !was_balanced {
            break_patterns(v, a, b);
            limit -= 1;
        }
        let (mut pivot, mut hint) = choose_pivot(v, a, b, less);
        if hint == Hint::Decreasing {
            reverse_range(v, a, b);
            pivot = (b - 1) - (pivot - a);
            hint = Hint::Increasing;
        }
        if was_balanced && was_partitioned && hint == Hint::Increasing && partial_insertion_sort(v, a, b, less) {
            return;
        }
        if a > 0 && !lt(v, a - 1, pivot, less) {
            a = partition_equal(v, a, b, pivot, less);
            continue;
        }
        let (mid, already) = partition(v, a, b, pivot, less);
        was_partitioned = already;
        let (left, right) = (mid - a, b - mid);
        let threshold = length / 8;
        if left < right {
            was_balanced = left >= threshold;
            pdqsort(v, a, mid, limit, less);
            a = mid + 1;
        } else {
            was_balanced = right >= threshold;
            pdqsort(v, mid + 1, b, limit, less);
            b = mid;
        }
    }
}

fn partition<T>(v: &mut [T], a: usize, b: usize, pivot: usize, less: &mut dyn FnMut(&T, &T) -> bool) -> (usize, bool) {
    v.swap(a, pivot);
    let (mut i, mut j) = (a as isize + 1, b as isize - 1);
    while i <= j && lt(v, i as usize, a, less) {
        i += 1;
    }
    while i <= j && !lt(v, j as usize, a, less) {
        j -= 1;
    }
    if i > j {
        v.swap(j as usize, a);
        return (j as usize, true);
    }
    v.swap(i as usize, j as usize);
    i += 1;
    j -= 1;
    loop {
        while i <= j && lt(v, i as usize, a, less) {
            i += 1;
        }
        while i <= j && !lt(v, j as usize, a, less) {
            j -= 1;
        }
        if i > j {
            break;
        }
        v.swap(i as usize, j as usize);
        i += 1;
        j -= 1;
    }
    v.swap(j as usize, a);
    (j as usize, false)
}

fn partition_equal<T>(v: &mut [T], a: usize, b: usize, pivot: usize, less: &mut dyn FnMut(&T, &T) -> bool) -> usize {
    v.swap(a, pivot);
    let (mut i, mut j) = (a as isize + 1, b as isize - 1);
    loop {
        while i <= j && !lt(v, a, i as usize, less) {
            i += 1;
        }
        while i <= j && lt(v, a, j as usize, less) {
            j -= 1;
        }
        if i > j {
            break;
        }
        v.swap(i as usize, j as usize);
        i += 1;
        j -= 1;
    }
    i as usize
}

fn partial_insertion_sort<T>(v: &mut [T], a: usize, b: usize, less: &mut dyn FnMut(&T, &T) -> bool) -> bool {
    const MAX_STEPS: usize = 5;
    const SHORTEST_SHIFTING: usize = 50;
    let mut i = a + 1;
    for _ in 0..MAX_STEPS {
        while i < b && !lt(v, i, i - 1, less) {
            i += 1;
        }
        if i == b {
            return true;
        }
        if b - a < SHORTEST_SHIFTING {
            return false;
        }
        v.swap(i, i - 1);
        if i - a >= 2 {
            let mut j = i - 1;
            while j >= 1 {
                if !lt(v, j, j - 1, less) {
                    break;
                }
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        if b - i >= 2 {
            let mut j = i + 1;
            while j < b {
                if !lt(v, j, j - 1, less) {
                    break;
                }
                v.swap(j, j - 1);
                j += 1;
            }
        }
    }
    false
}

fn break_patterns<T>(v: &mut [T], a: usize, b: usize) {
    let length = b - a;
    if length >= 8 {
        let mut random = length as u64;
        let modulus = 1usize << bits_len(length);
        let start = a + (length / 4) * 2 - 1;
        for idx in start..=a + (length / 4) * 2 + 1 {
            random ^= random << 13;
            random ^= random >> 7;
            random ^= random << 17;
            let mut other = (random as usize) & (modulus - 1);
            if other >= length {
                other -= length;
            }
            v.swap(idx, a + other);
        }
    }
}

fn choose_pivot<T>(v: &mut [T], a: usize, b: usize, less: &mut dyn FnMut(&T, &T) -> bool) -> (usize, Hint) {
    const SHORTEST_NINTHER: usize = 50;
    const MAX_SWAPS: usize = 4 * 3;
    let l = b - a;
    let mut swaps = 0;
    let mut i = a + l / 4;
    let mut j = a + l / 4 * 2;
    let mut k = a + l / 4 * 3;
    if l >= 8 {
        if l >= SHORTEST_NINTHER {
            i = median(v, i - 1, i, i + 1, &mut swaps, less);
            j = median(v, j - 1, j, j + 1, &mut swaps, less);
            k = median(v, k - 1, k, k + 1, &mut swaps, less);
        }
        j = median(v, i, j, k, &mut swaps, less);
    }
    match swaps {
        0 => (j, Hint::Increasing),
        MAX_SWAPS => (j, Hint::Decreasing),
        _ => (j, Hint::Unknown),
    }
}

fn order2<T>(v: &[T], a: usize, b: usize, swaps: &mut usize, less: &mut dyn FnMut(&T, &T) -> bool) -> (usize, usize) {
    if lt(v, b, a, less) {
        *swaps += 1;
        return (b, a);
    }
    (a, b)
}

fn median<T>(v: &[T], a: usize, b: usize, c: usize, swaps: &mut usize, less: &mut dyn FnMut(&T, &T) -> bool) -> usize {
    let (a, b) = order2(v, a, b, swaps, less);
    let (b, c) = order2(v, b, c, swaps, less);
    let _ = c;
    let (_a, b) = order2(v, a, b, swaps, less);
    b
}

fn reverse_range<T>(v: &mut [T], a: usize, b: usize) {
    v[a..b].reverse();
}

fn swap_range<T>(v: &mut [T], a: usize, b: usize, n: usize) {
    for i in 0..n {
        v.swap(a + i, b + i);
    }
}

fn sym_merge<T>(v: &mut [T], a: usize, m: usize, b: usize, less: &mut dyn FnMut(&T, &T) -> bool) {
    if m - a == 1 {
        let (mut i, mut j) = (m, b);
        while i < j {
            let h = (i + j) / 2;
            if lt(v, h, a, less) {
                i = h + 1;
            } else {
                j = h;
            }
        }
        let mut k = a;
        while k + 1 < i {
            v.swap(k, k + 1);
            k += 1;
        }
        return;
    }
    if b - m == 1 {
        let (mut i, mut j) = (a, m);
        while i < j {
            let h = (i + j) / 2;
            if !lt(v, m, h, less) {
                i = h + 1;
            } else {
                j = h;
            }
        }
        let mut k = m;
        while k > i {
            v.swap(k, k - 1);
            k -= 1;
        }
        return;
    }
    let mid = (a + b) / 2;
    let n = mid + m;
    let (mut start, mut r) = if m > mid { (n - b, mid) } else { (a, m) };
    let p = n - 1;
    while start < r {
        let c = (start + r) / 2;
        if !lt(v, p - c, c, less) {
            start = c + 1;
        } else {
            r = c;
        }
    }
    let end = n - start;
    if start < m && m < end {
        rotate(v, start, m, end);
    }
    if a < start && start < mid {
        sym_merge(v, a, start, mid, less);
    }
    if mid < end && end < b {
        sym_merge(v, mid, end, b, less);
    }
}

fn rotate<T>(v: &mut [T], a: usize, m: usize, b: usize) {
    let mut i = m - a;
    let mut j = b - m;
    while i != j {
        if i > j {
            swap_range(v, m - i, m, j);
            i -= j;
        } else {
            swap_range(v, m - i, m + j - i, i);
            j -= i;
        }
    }
    swap_range(v, m - i, m, i);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_a_total_order() {
        let mut v: Vec<u32> = (0..200).map(|i| (i * 7919) % 211).collect();
        let mut want = v.clone();
        want.sort();
        sort(&mut v, &mut |a, b| a < b);
        assert_eq!(v, want);
        let mut w: Vec<(u32, u32)> = (0..100).map(|i| ((i * 31) % 7, i)).collect();
        let mut want = w.clone();
        want.sort_by_key(|p| p.0);
        stable(&mut w, &mut |a, b| a.0 < b.0);
        assert_eq!(w, want);
    }

    #[test]
    fn inconsistent_orders_do_not_panic() {
        let mut v: Vec<u32> = (0..300).collect();
        sort(&mut v, &mut |a, b| (a ^ b) % 3 == 0);
        stable(&mut v, &mut |a, b| (a + b) % 5 == 0);
        assert_eq!(v.len(), 300);
    }
}
