;; The k-th smallest of n doubles, for the summary's p99 per minute: selectIn of summary-report.ts, step for step (the
;; same comparisons, swaps and arithmetic, Math.log and Math.exp taken from JavaScript), so it reorders the values the
;; same way and gives the same value. Run once per summary, the JavaScript took 12-24 ms over a million samples before
;; V8 had compiled it; this module is compiled before it runs.
;; Memory: the values, from 0 (f64 x n); the caller grows it to fit.
(module
  (import "math" "log" (func $log (param f64) (result f64)))
  (import "math" "exp" (func $exp (param f64) (result f64)))
  (memory (export "memory") 1)

  (func $swap (param $i i32) (param $j i32)
    (local $t f64)
    (local.set $t (f64.load (i32.shl (local.get $i) (i32.const 3))))
    (f64.store (i32.shl (local.get $i) (i32.const 3)) (f64.load (i32.shl (local.get $j) (i32.const 3))))
    (f64.store (i32.shl (local.get $j) (i32.const 3)) (local.get $t)))

  (func $at (param $i i32) (result f64)
    (f64.load (i32.shl (local.get $i) (i32.const 3))))

  ;; Puts the k-th smallest value of a[lo..hi] at k, the smaller ones before it and the larger after.
  (func $selectIn (param $lo i32) (param $hi i32) (param $k i32)
    (local $n f64) (local $i f64) (local $z f64) (local $s f64) (local $sd f64) (local $d f64)
    (local $t f64) (local $p i32) (local $q i32)
    (block $done
      (loop $range
        (br_if $done (i32.le_s (local.get $hi) (local.get $lo)))
        (if (i32.gt_s (i32.sub (local.get $hi) (local.get $lo)) (i32.const 600)) (then
          ;; n = hi - lo + 1; i = k - lo + 1; z = log(n); s = 0.5 * exp(2z / 3);
          ;; sd = 0.5 * sqrt(z * s * (n - s) / n) * sign(i - n / 2)
          (local.set $n (f64.convert_i32_s (i32.add (i32.sub (local.get $hi) (local.get $lo)) (i32.const 1))))
          (local.set $i (f64.convert_i32_s (i32.add (i32.sub (local.get $k) (local.get $lo)) (i32.const 1))))
          (local.set $z (call $log (local.get $n)))
          (local.set $s (f64.mul (f64.const 0.5) (call $exp (f64.div (f64.mul (f64.const 2) (local.get $z)) (f64.const 3)))))
          (local.set $d (f64.sub (local.get $i) (f64.div (local.get $n) (f64.const 2))))
          (local.set $sd (f64.mul
            (f64.mul (f64.const 0.5) (f64.sqrt (f64.div (f64.mul (f64.mul (local.get $z) (local.get $s)) (f64.sub (local.get $n) (local.get $s))) (local.get $n))))
            (select (f64.const 1) (select (f64.const -1) (f64.const 0) (f64.lt (local.get $d) (f64.const 0))) (f64.gt (local.get $d) (f64.const 0)))))
          ;; selectIn(max(lo, floor(k - i * s / n + sd)), min(hi, floor(k + (n - i) * s / n + sd)), k)
          (call $selectIn
            (i32.trunc_f64_s (f64.max (f64.convert_i32_s (local.get $lo))
              (f64.floor (f64.add (f64.sub (f64.convert_i32_s (local.get $k)) (f64.div (f64.mul (local.get $i) (local.get $s)) (local.get $n))) (local.get $sd)))))
            (i32.trunc_f64_s (f64.min (f64.convert_i32_s (local.get $hi))
              (f64.floor (f64.add (f64.add (f64.convert_i32_s (local.get $k)) (f64.div (f64.mul (f64.sub (local.get $n) (local.get $i)) (local.get $s)) (local.get $n))) (local.get $sd)))))
            (local.get $k))))
        ;; Partition a[lo..hi] around t, the value now at k.
        (local.set $t (call $at (local.get $k)))
        (local.set $p (local.get $lo))
        (local.set $q (local.get $hi))
        (call $swap (local.get $lo) (local.get $k))
        (if (f64.gt (call $at (local.get $hi)) (local.get $t)) (then (call $swap (local.get $hi) (local.get $lo))))
        (block $parted
          (loop $part
            (br_if $parted (i32.ge_s (local.get $p) (local.get $q)))
            (call $swap (local.get $p) (local.get $q))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $q (i32.sub (local.get $q) (i32.const 1)))
            (block $up (loop $more
              (br_if $up (i32.eqz (f64.lt (call $at (local.get $p)) (local.get $t))))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br $more)))
            (block $down (loop $less
              (br_if $down (i32.eqz (f64.gt (call $at (local.get $q)) (local.get $t))))
              (local.set $q (i32.sub (local.get $q) (i32.const 1)))
              (br $less)))
            (br $part)))
        (if (f64.eq (call $at (local.get $lo)) (local.get $t))
          (then (call $swap (local.get $lo) (local.get $q)))
          (else
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (call $swap (local.get $q) (local.get $hi))))
        (if (i32.le_s (local.get $q) (local.get $k)) (then (local.set $lo (i32.add (local.get $q) (i32.const 1)))))
        (if (i32.le_s (local.get $k) (local.get $q)) (then (local.set $hi (i32.sub (local.get $q) (i32.const 1)))))
        (br $range))))

  ;; The k-th smallest (0-based) of the n values from 0, which are reordered.
  (func (export "select") (param $n i32) (param $k i32) (result f64)
    (call $selectIn (i32.const 0) (i32.sub (local.get $n) (i32.const 1)) (local.get $k))
    (call $at (local.get $k))))
