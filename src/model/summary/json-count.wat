;; Counts plain JSON lines without leaving WebAssembly: json-scan.wat's $line reads each line's fields, and a line that
;; needs nothing of the JavaScript scanner is counted here, into counts that summary-fast-lane.ts adds to the totals.
;; It also has $find, the search for the deploy pattern's literal start. It runs on json-scan.wat's memory (see its
;; map), and keeps its own part of it:
;;   [73728, 77824)   at 0 the lines counted, at 4 the latency samples logged, at 8 and 16 the earliest and the
;;                    latest time (f64), at 24 the last line's time (f64), at 32 the buckets touched, at 36 why $run
;;                    stopped, at 40 the stopped line's service slot; at 64 a byte for
;;                    each level number (0 not classed yet, 1-5 info, warn, debug, trace, unknown, 255 an error), at 128
;;                    the lines of each of those classes (i32), at 256 each service slot's minute (f64; slot 64 for
;;                    lines without a service, NaN for none), at 1024 its bucket (i32), at 1536 the latency scale of
;;                    each candidate key (f64, by its index in KeyTable; 0 for a key without a unit)
;;   [77824, 94208)   the lines counted in each bucket (i32 x 4096); [94208, 110592) the buckets touched, in order
;;   [110592, 126976) the latency samples logged, 16 bytes each: the bucket (i32) at 0, the seconds (f64) at 8
(module
  (import "scan" "mem" (memory 3))
  (import "scan" "line" (func $line (param i32) (result i32)))

  ;; Counts plain lines from $a up to $to (whole lines, the last ending with a '\n'): a line whose fields $line reads,
  ;; with an RFC 3339 time, a level of the classes 1-5 (an unknown one made info or warn by a plain status below 500),
  ;; a service numbered (or none), a current minute bucket for that service, and a latency that is absent or a plain
  ;; unsigned decimal. Returns where it stopped, with why at 73764: 0 at $to; 1 the line there is for the JavaScript
  ;; scanner; 2 its level's number is not classed yet; 3 its service has no bucket for its minute (its slot at 73768);
  ;; 4 the sample log is full. The stopped line's fields are left as $line read them (for 2 and 3). A latency is read
  ;; as decimalAtBytes and finish() read it (digits, at most one '.', 1-15 digits in all), in the same double
  ;; arithmetic.
  (func (export "run") (param $a i32) (param $to i32) (result i32)
    (local $nl i32) (local $found i32) (local $at f64) (local $id i32) (local $class i32) (local $slot i32)
    (local $minute f64) (local $bucket i32) (local $lat f64) (local $p i32) (local $e i32) (local $c i32)
    (local $digits i32) (local $dot i32) (local $n f64) (local $pow f64) (local $scale f64) (local $spec i32) (local $k i32)
    (block $stop
      (loop $next
        (if (i32.ge_u (local.get $a) (local.get $to)) (then
          (i32.store (i32.const 73764) (i32.const 0))
          (return (local.get $a))))
        (br_if $stop (i32.ne (i32.load8_u (local.get $a)) (i32.const 123)))
        (local.set $nl (call $line (local.get $a)))
        (br_if $stop (i32.lt_s (local.get $nl) (i32.const 0)))
        (local.set $found (i32.load (i32.const 65536)))
        ;; The time, read here and a time.
        (br_if $stop (i32.ne (i32.load offset=200 (i32.const 65536)) (i32.const 1)))
        (local.set $at (f64.load offset=192 (i32.const 65536)))
        (br_if $stop (f64.ne (local.get $at) (local.get $at)))
        ;; The level, of a class counted here; unknown (5) without one.
        (local.set $class (i32.const 5))
        (if (i32.and (local.get $found) (i32.const 2)) (then
          (local.set $id (i32.load offset=204 (i32.const 65536)))
          (br_if $stop (i32.lt_s (local.get $id) (i32.const 0)))
          (local.set $class (i32.load8_u offset=73792 (local.get $id)))
          (if (i32.eqz (local.get $class)) (then
            (i32.store (i32.const 73764) (i32.const 2))
            (return (local.get $a))))
          (br_if $stop (i32.gt_u (local.get $class) (i32.const 5)))))
        ;; An unknown level is the status's (levelFromStatus), when that is a plain unsigned integer: a server error
        ;; is an error line, for the JavaScript scanner.
        (if (i32.and (i32.eq (local.get $class) (i32.const 5)) (i32.ne (i32.and (local.get $found) (i32.const 32)) (i32.const 0))) (then
          (local.set $p (i32.load offset=52 (i32.const 65536)))
          (local.set $e (i32.load offset=84 (i32.const 65536)))
          (br_if $stop (i32.or (i32.ge_u (local.get $p) (local.get $e)) (i32.gt_u (i32.sub (local.get $e) (local.get $p)) (i32.const 15))))
          (local.set $n (f64.const 0))
          (block $status (loop $sdigit
            (br_if $status (i32.ge_u (local.get $p) (local.get $e)))
            (local.set $c (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)))
            (br_if $stop (i32.ge_u (local.get $c) (i32.const 10)))
            (local.set $n (f64.add (f64.mul (local.get $n) (f64.const 10)) (f64.convert_i32_u (local.get $c))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $sdigit)))
          (br_if $stop (f64.ge (local.get $n) (f64.const 500)))
          (local.set $class (select (i32.const 2) (i32.const 1) (f64.ge (local.get $n) (f64.const 400))))))
        ;; The service's slot: its number, or 64 for none.
        (local.set $slot (i32.const 64))
        (if (i32.and (local.get $found) (i32.const 8)) (then
          (local.set $slot (i32.load offset=208 (i32.const 65536)))
          (br_if $stop (i32.lt_s (local.get $slot) (i32.const 0)))))
        (local.set $minute (f64.load offset=73984 (i32.shl (local.get $slot) (i32.const 3))))
        (if (i32.eqz (i32.and (f64.ge (local.get $at) (local.get $minute))
          (f64.lt (local.get $at) (f64.add (local.get $minute) (f64.const 60000))))) (then
          (i32.store (i32.const 73764) (i32.const 3))
          (i32.store (i32.const 73768) (local.get $slot))
          (return (local.get $a))))
        (local.set $bucket (i32.load offset=74752 (i32.shl (local.get $slot) (i32.const 2))))
        ;; The latency: none, or a plain unsigned decimal under a key whose scale is in the table.
        (local.set $lat (f64.const nan))
        (if (i32.and (local.get $found) (i32.const 64)) (then
          (br_if $stop (i32.load offset=120 (i32.const 65536)))
          (local.set $spec (i32.load offset=152 (i32.const 65536)))
          (br_if $stop (i32.ge_u (local.get $spec) (i32.const 128)))
          (local.set $p (i32.load offset=56 (i32.const 65536)))
          (local.set $e (i32.load offset=88 (i32.const 65536)))
          (local.set $n (f64.const 0))
          (local.set $pow (f64.const 1))
          (local.set $digits (i32.const 0))
          (local.set $dot (i32.const 0))
          (block $number (loop $digit
            (br_if $number (i32.ge_u (local.get $p) (local.get $e)))
            (local.set $c (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)))
            (if (i32.lt_u (local.get $c) (i32.const 10))
              (then
                (local.set $n (f64.add (f64.mul (local.get $n) (f64.const 10)) (f64.convert_i32_u (local.get $c))))
                (if (local.get $dot) (then (local.set $pow (f64.mul (local.get $pow) (f64.const 10)))))
                (local.set $digits (i32.add (local.get $digits) (i32.const 1))))
              (else
                ;; '.' is 46: one of them, anything else is not a plain decimal.
                (br_if $stop (i32.or (local.get $dot) (i32.ne (local.get $c) (i32.const -2))))
                (local.set $dot (i32.const 1))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $digit)))
          (br_if $stop (i32.or (i32.eqz (local.get $digits)) (i32.gt_u (local.get $digits) (i32.const 15))))
          (if (local.get $dot) (then (local.set $n (f64.div (local.get $n) (local.get $pow)))))
          (local.set $scale (f64.load offset=75264 (i32.shl (local.get $spec) (i32.const 3))))
          (local.set $lat (if (result f64) (f64.ne (local.get $scale) (f64.const 0))
            (then (f64.mul (local.get $n) (local.get $scale)))
            (else (if (result f64) (f64.eq (local.get $n) (f64.trunc (local.get $n)))
              (then (f64.div (local.get $n) (f64.const 1000)))
              (else (local.get $n))))))
          (if (i32.eqz (f64.ge (local.get $lat) (f64.const 0))) (then (local.set $lat (f64.const nan))))
          (if (i32.and (f64.eq (local.get $lat) (local.get $lat)) (i32.ge_u (i32.load (i32.const 73732)) (i32.const 1024))) (then
            (i32.store (i32.const 73764) (i32.const 4))
            (return (local.get $a))))))
        ;; Counted: the line, its class, its bucket (noted as touched the first time), the times and the sample.
        (i32.store (i32.const 73728) (i32.add (i32.load (i32.const 73728)) (i32.const 1)))
        (local.set $k (i32.add (i32.const 73856) (i32.shl (local.get $class) (i32.const 2))))
        (i32.store (local.get $k) (i32.add (i32.load (local.get $k)) (i32.const 1)))
        (f64.store (i32.const 73736) (f64.min (f64.load (i32.const 73736)) (local.get $at)))
        (f64.store (i32.const 73744) (f64.max (f64.load (i32.const 73744)) (local.get $at)))
        (f64.store (i32.const 73752) (local.get $at))
        (local.set $k (i32.add (i32.const 77824) (i32.shl (local.get $bucket) (i32.const 2))))
        (if (i32.eqz (i32.load (local.get $k))) (then
          (i32.store offset=94208 (i32.shl (i32.load (i32.const 73760)) (i32.const 2)) (local.get $bucket))
          (i32.store (i32.const 73760) (i32.add (i32.load (i32.const 73760)) (i32.const 1)))))
        (i32.store (local.get $k) (i32.add (i32.load (local.get $k)) (i32.const 1)))
        (if (f64.eq (local.get $lat) (local.get $lat)) (then
          (local.set $k (i32.add (i32.const 110592) (i32.shl (i32.load (i32.const 73732)) (i32.const 4))))
          (i32.store (local.get $k) (local.get $bucket))
          (f64.store offset=8 (local.get $k) (local.get $lat))
          (i32.store (i32.const 73732) (i32.add (i32.load (i32.const 73732)) (i32.const 1)))))
        (local.set $a (i32.add (local.get $nl) (i32.const 1)))
        (br $next)))
    (i32.store (i32.const 73764) (i32.const 1))
    (local.get $a))

  ;; The first place in [$a, $e) where the bytes set at 65872 start and end before $e, or -1: the summary's search for
  ;; the deploy pattern's literal start. Their first and last bytes are compared 16 places a step, the bytes between
  ;; only where both are (the bytes after $e are read but not looked at).
  (func (export "find") (param $a i32) (param $e i32) (result i32)
    (local $n i32) (local $first v128) (local $last v128) (local $end i32) (local $m i32) (local $q i32) (local $j i32)
    (local.set $n (i32.load (i32.const 65872)))
    (local.set $first (i8x16.splat (i32.load8_u (i32.const 65876))))
    (local.set $last (i8x16.splat (i32.load8_u offset=65875 (local.get $n))))
    ;; The last place a match may start.
    (local.set $end (i32.sub (local.get $e) (local.get $n)))
    (block $none (loop $step
      (br_if $none (i32.gt_s (local.get $a) (local.get $end)))
      (local.set $m (i8x16.bitmask (v128.and
        (i8x16.eq (v128.load (local.get $a)) (local.get $first))
        (i8x16.eq (v128.load (i32.sub (i32.add (local.get $a) (local.get $n)) (i32.const 1))) (local.get $last)))))
      (block $next (loop $candidate
        (br_if $next (i32.eqz (local.get $m)))
        (local.set $q (i32.add (local.get $a) (i32.ctz (local.get $m))))
        (br_if $none (i32.gt_s (local.get $q) (local.get $end)))
        (local.set $j (i32.const 1))
        (block $differs (loop $byte
          (if (i32.ge_u (local.get $j) (i32.sub (local.get $n) (i32.const 1))) (then (return (local.get $q))))
          (br_if $differs (i32.ne (i32.load8_u (i32.add (local.get $q) (local.get $j)))
            (i32.load8_u offset=65876 (local.get $j))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $byte)))
        (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))
        (br $candidate)))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (br $step)))
    (i32.const -1))
)
