;; Finds the role fields of a flat JSON object line in its bytes: JsonBytes.scan (summary-json-bytes.ts) in
;; WebAssembly, where the search for a string's end looks at 16 bytes a step. Both give the same answer for every line.
;;
;; Memory, laid out by summary-json-wasm.ts:
;;   [0, 1024)        the head of each key length's list of candidate keys: 256 i32 offsets (0: no key that long)
;;   [1024, 65536)    the candidate keys, each {next, spec, role, rank: i32; bytes}, 4-byte aligned, in KeyTable's
;;                    order; spec is the key's index in KeyTable, or -1 for a key whose value is not wanted
;;   [65536, 65752)   ByteFields of the line (summary-json-bytes.ts), as i32 words: at 0 a bit for each role found,
;;                    then 8 words each of the roles' value start, value end, quoted (1 or 0), spec and rank; at
;;                    word 48 the time in epoch ms (f64), at word 50 1 when that time was read here, 0 when not;
;;                    at words 51 and 52 the numbers of the level's and the service's values, -1 for none
;;   [65760, 65764)   1 for the strict reading (see $line and $token), set by the console's parser; 0 for the summary's
;;   [65792, 65872)   for the times: the last minute read ("YYYY-MM-DDTHH:MM") and its epoch ms, then the days
;;                    before each month (12 x i32)
;;   [65872, 65888)   the bytes json-count.wat's $find looks for: their number (i32, 2 to 12), then the bytes
;;   [66048, 69136)   the level values met, numbered (see $intern); [69632, 72720) the services'
;;   [73728, 126976)  the counting of plain lines, by json-count.wat
;;   [126976, 127232) a byte for each byte value: 1 when it ends a bare value (a number, true, false or null)
;;   [131072, ...)    the bytes scanned, followed by at least 32 bytes that may be anything
(module
  (memory (export "mem") 3)
  ;; The bytes that end a bare value: tab, newline, carriage return, space, ',', '[', '{' and '}'.
  (data (i32.const 126985) "\01\01\00\00\01")
  (data (i32.const 127008) "\01\00\00\00\00\00\00\00\00\00\00\00\01")
  (data (i32.const 127067) "\01")
  (data (i32.const 127099) "\01\00\01")
  ;; No minute read yet (NaN), and the days before each month of a year that is not a leap year.
  (data (i32.const 65808) "\00\00\00\00\00\00\f8\7f")
  (data (i32.const 65824) "\00\00\00\00\1f\00\00\00\3b\00\00\00\5a\00\00\00\78\00\00\00\97\00\00\00"
    "\b5\00\00\00\d4\00\00\00\f3\00\00\00\11\01\00\00\30\01\00\00\4e\01\00\00")

  ;; The two decimal digits at $i as a number.
  (func $two (param $i i32) (result i32)
    (i32.add (i32.mul (i32.sub (i32.load8_u (local.get $i)) (i32.const 48)) (i32.const 10))
      (i32.sub (i32.load8_u offset=1 (local.get $i)) (i32.const 48))))

  (func $digit (param $c i32) (result i32)
    (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10)))

  ;; Epoch ms of the minute written at $a ("YYYY-MM-DDTHH:MM", the separators already checked), NaN when it is none:
  ;; ByteTimes.minuteAt, in the same double arithmetic.
  (func $minute (param $a i32) (result f64)
    (local $y i32) (local $mo i32) (local $d i32) (local $h i32) (local $mi i32) (local $yy f64) (local $days f64)
    (if (i8x16.all_true (i8x16.eq (v128.load (local.get $a)) (v128.load (i32.const 65792))))
      (then (return (f64.load (i32.const 65808)))))
    ;; Every digit, at 0-3, 5-6, 8-9, 11-12 and 14-15.
    (if (i32.ne (i32.and (i8x16.bitmask (i8x16.le_u (i8x16.sub (v128.load (local.get $a))
      (v128.const i8x16 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48))
      (v128.const i8x16 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9))) (i32.const 0xdb6f)) (i32.const 0xdb6f))
      (then (return (f64.const nan))))
    (local.set $y (i32.add (i32.mul (call $two (local.get $a)) (i32.const 100)) (call $two (i32.add (local.get $a) (i32.const 2)))))
    (local.set $mo (call $two (i32.add (local.get $a) (i32.const 5))))
    (local.set $d (call $two (i32.add (local.get $a) (i32.const 8))))
    (local.set $h (call $two (i32.add (local.get $a) (i32.const 11))))
    (local.set $mi (call $two (i32.add (local.get $a) (i32.const 14))))
    (if (i32.or (i32.or (i32.or (i32.lt_u (local.get $mo) (i32.const 1)) (i32.gt_u (local.get $mo) (i32.const 12)))
      (i32.or (i32.lt_u (local.get $d) (i32.const 1)) (i32.gt_u (local.get $d) (i32.const 31))))
      (i32.or (i32.gt_u (local.get $h) (i32.const 23)) (i32.gt_u (local.get $mi) (i32.const 59))))
      (then (return (f64.const nan))))
    ;; daysFromCivil: whole days from 1970-01-01, with a floored division for years before 1968.
    (local.set $yy (f64.convert_i32_s (i32.sub (local.get $y) (i32.const 1))))
    (local.set $days (f64.mul (f64.sub (local.get $yy) (f64.const 1969)) (f64.const 365)))
    (local.set $days (f64.add (local.get $days) (f64.floor (f64.div (f64.sub (local.get $yy) (f64.const 1968)) (f64.const 4)))))
    (local.set $days (f64.sub (local.get $days) (f64.floor (f64.div (f64.sub (local.get $yy) (f64.const 1900)) (f64.const 100)))))
    (local.set $days (f64.add (local.get $days) (f64.floor (f64.div (f64.sub (local.get $yy) (f64.const 1600)) (f64.const 400)))))
    (local.set $days (f64.add (local.get $days) (f64.convert_i32_s (i32.load offset=65820 (i32.shl (local.get $mo) (i32.const 2))))))
    ;; A leap day, past February of a leap year.
    (local.set $days (f64.add (local.get $days) (f64.convert_i32_s (i32.and (i32.gt_u (local.get $mo) (i32.const 2))
      (i32.and (i32.eqz (i32.rem_u (local.get $y) (i32.const 4)))
        (i32.or (i32.ne (i32.rem_u (local.get $y) (i32.const 100)) (i32.const 0)) (i32.eqz (i32.rem_u (local.get $y) (i32.const 400)))))))))
    (local.set $days (f64.add (local.get $days) (f64.convert_i32_s (i32.sub (local.get $d) (i32.const 1)))))
    (f64.store (i32.const 65808) (f64.mul (f64.add (f64.mul (f64.add (f64.mul (local.get $days) (f64.const 24))
      (f64.convert_i32_s (local.get $h))) (f64.const 60)) (f64.convert_i32_s (local.get $mi))) (f64.const 60000)))
    (v128.store (i32.const 65792) (v128.load (local.get $a)))
    (f64.load (i32.const 65808)))

  ;; The number of the value in [$a, $e) in the table at $t ({count: i32, 12 bytes unused, then 64 entries of
  ;; {length: i32, 12 bytes unused, 32 bytes}}): its entry's index, a new entry when the value is not there yet, or -1
  ;; when it is longer than 32 bytes or the table is full. The bytes after a value's end (at least 32 can be read) are
  ;; copied with it but never compared.
  (func $intern (param $t i32) (param $a i32) (param $e i32) (result i32)
    (local $n i32) (local $i i32) (local $at i32) (local $count i32) (local $mask i32)
    (local.set $n (i32.sub (local.get $e) (local.get $a)))
    (if (i32.gt_u (local.get $n) (i32.const 32)) (then (return (i32.const -1))))
    (local.set $count (i32.load (local.get $t)))
    (local.set $at (i32.add (local.get $t) (i32.const 16)))
    ;; A bit for each of the first 16 bytes that must be equal, and one for each of the next 16.
    (local.set $mask (select (i32.const 0xffff) (i32.sub (i32.shl (i32.const 1) (local.get $n)) (i32.const 1))
      (i32.ge_u (local.get $n) (i32.const 16))))
    (block $add (loop $entry
      (br_if $add (i32.eq (local.get $i) (local.get $count)))
      (if (i32.eq (i32.load (local.get $at)) (local.get $n)) (then
        (if (i32.eq (i32.and (i8x16.bitmask (i8x16.eq (v128.load offset=16 (local.get $at)) (v128.load (local.get $a)))) (local.get $mask))
          (local.get $mask)) (then
          (if (i32.le_u (local.get $n) (i32.const 16)) (then (return (local.get $i))))
          (if (i32.eq (i32.or (i8x16.bitmask (i8x16.eq (v128.load offset=32 (local.get $at)) (v128.load offset=16 (local.get $a))))
            (i32.xor (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $n) (i32.const 16))) (i32.const 1)) (i32.const 0xffff)))
            (i32.const 0xffff)) (then (return (local.get $i))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $at (i32.add (local.get $at) (i32.const 48)))
      (br $entry)))
    (if (i32.ge_u (local.get $count) (i32.const 64)) (then (return (i32.const -1))))
    (i32.store (local.get $at) (local.get $n))
    (v128.store offset=16 (local.get $at) (v128.load (local.get $a)))
    (v128.store offset=32 (local.get $at) (v128.load offset=16 (local.get $a)))
    (i32.store (local.get $t) (i32.add (local.get $count) (i32.const 1)))
    (local.get $count))

  ;; Epoch ms of the RFC 3339 time in [$a, $e) (at least 19 bytes, separators checked), NaN when it is none:
  ;; ByteTimes.rfc3339, in the same double arithmetic.
  (func $rfc3339 (param $a i32) (param $e i32) (result f64)
    (local $minute f64) (local $sec i32) (local $i i32) (local $from i32) (local $ms f64) (local $scale f64)
    (local $z i32) (local $m i32) (local $oh i32) (local $om i32) (local $offset f64)
    (local.set $minute (call $minute (local.get $a)))
    (if (i32.or (f64.ne (local.get $minute) (local.get $minute))
      (i32.eqz (i32.and (call $digit (i32.load8_u offset=17 (local.get $a))) (call $digit (i32.load8_u offset=18 (local.get $a))))))
      (then (return (f64.const nan))))
    (local.set $sec (call $two (i32.add (local.get $a) (i32.const 17))))
    (if (i32.gt_u (local.get $sec) (i32.const 59)) (then (return (f64.const nan))))
    (local.set $i (i32.add (local.get $a) (i32.const 19)))
    (local.set $z (i32.load8_u (local.get $i)))
    (if (i32.or (i32.eq (local.get $z) (i32.const 46)) (i32.eq (local.get $z) (i32.const 44))) (then
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $from (local.get $i))
      (local.set $scale (f64.const 100))
      (block $digits (loop $next
        (br_if $digits (i32.ge_s (local.get $i) (local.get $e)))
        (br_if $digits (i32.eqz (call $digit (i32.load8_u (local.get $i)))))
        (local.set $ms (f64.add (local.get $ms) (f64.mul (f64.convert_i32_s (i32.sub (i32.load8_u (local.get $i)) (i32.const 48))) (local.get $scale))))
        (local.set $scale (f64.div (local.get $scale) (f64.const 10)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (if (i32.or (i32.eq (local.get $i) (local.get $from)) (i32.gt_s (i32.sub (local.get $i) (local.get $from)) (i32.const 9)))
        (then (return (f64.const nan))))
      (local.set $ms (f64.floor (local.get $ms)))))
    (local.set $z (i32.load8_u (local.get $i)))
    (if (i32.or (i32.eq (local.get $z) (i32.const 90)) (i32.eq (local.get $z) (i32.const 122)))
      (then (local.set $i (i32.add (local.get $i) (i32.const 1))))
      (else (if (i32.and (i32.or (i32.eq (local.get $z) (i32.const 43)) (i32.eq (local.get $z) (i32.const 45)))
        (i32.ge_s (i32.sub (local.get $e) (local.get $i)) (i32.const 5))) (then
        (local.set $m (select (i32.add (local.get $i) (i32.const 4)) (i32.add (local.get $i) (i32.const 3))
          (i32.eq (i32.load8_u offset=3 (local.get $i)) (i32.const 58))))
        (if (i32.eqz (i32.and (i32.and (call $digit (i32.load8_u offset=1 (local.get $i))) (call $digit (i32.load8_u offset=2 (local.get $i))))
          (i32.and (call $digit (i32.load8_u (local.get $m))) (call $digit (i32.load8_u offset=1 (local.get $m))))))
          (then (return (f64.const nan))))
        (local.set $oh (call $two (i32.add (local.get $i) (i32.const 1))))
        (local.set $om (call $two (local.get $m)))
        (if (i32.or (i32.gt_u (local.get $oh) (i32.const 23)) (i32.gt_u (local.get $om) (i32.const 59))) (then (return (f64.const nan))))
        (local.set $offset (f64.mul (f64.convert_i32_s (i32.mul (select (i32.const 1) (i32.const -1) (i32.eq (local.get $z) (i32.const 43)))
          (i32.add (i32.mul (local.get $oh) (i32.const 60)) (local.get $om)))) (f64.const 60000)))
        (local.set $i (i32.add (local.get $m) (i32.const 2)))))))
    (if (i32.ne (local.get $i) (local.get $e)) (then (return (f64.const nan))))
    (f64.sub (f64.add (f64.add (local.get $minute) (f64.convert_i32_s (i32.mul (local.get $sec) (i32.const 1000)))) (local.get $ms))
      (local.get $offset)))

  ;; Past the decimal digits from $p.
  (func $digits (param $p i32) (result i32)
    (block $end (loop $more
      (br_if $end (i32.eqz (call $digit (i32.load8_u (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $more)))
    (local.get $p))

  ;; 1 when [$a, $e) is a JSON literal or number as JSON.parse reads them (the byte at $e ends the token: it is none
  ;; of the bytes a number goes on with), 0 when not.
  (func $token (param $a i32) (param $e i32) (result i32)
    (local $p i32) (local $c i32) (local $n i32)
    (local.set $n (i32.sub (local.get $e) (local.get $a)))
    ;; "true" and "null", "false", read as little-endian words.
    (if (i32.eq (local.get $n) (i32.const 4)) (then
      (if (i32.or (i32.eq (i32.load (local.get $a)) (i32.const 0x65757274)) (i32.eq (i32.load (local.get $a)) (i32.const 0x6c6c756e)))
        (then (return (i32.const 1))))))
    (if (i32.eq (local.get $n) (i32.const 5)) (then
      (if (i32.and (i32.eq (i32.load (local.get $a)) (i32.const 0x736c6166)) (i32.eq (i32.load8_u offset=4 (local.get $a)) (i32.const 101)))
        (then (return (i32.const 1))))))
    ;; -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    (local.set $p (local.get $a))
    (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 45)) (then (local.set $p (i32.add (local.get $p) (i32.const 1)))))
    (local.set $c (i32.load8_u (local.get $p)))
    (if (i32.eq (local.get $c) (i32.const 48))
      (then (local.set $p (i32.add (local.get $p) (i32.const 1))))
      (else
        (if (i32.eqz (call $digit (local.get $c))) (then (return (i32.const 0))))
        (local.set $p (call $digits (local.get $p)))))
    (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 46)) (then
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (if (i32.eqz (call $digit (i32.load8_u (local.get $p)))) (then (return (i32.const 0))))
      (local.set $p (call $digits (local.get $p)))))
    (if (i32.eq (i32.or (i32.load8_u (local.get $p)) (i32.const 32)) (i32.const 101)) (then
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (local.set $c (i32.load8_u (local.get $p)))
      (if (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45)))
        (then (local.set $p (i32.add (local.get $p) (i32.const 1)))))
      (if (i32.eqz (call $digit (i32.load8_u (local.get $p)))) (then (return (i32.const 0))))
      (local.set $p (call $digits (local.get $p)))))
    (i32.eq (local.get $p) (local.get $e)))

  ;; 1 when a byte of [$a, $e) is a control character other than '\n', 0 when none is: JSON.parse refuses one in a
  ;; string, and $line does not look for them (the bytes after $e are read but not looked at).
  (func (export "controls") (param $a i32) (param $e i32) (result i32)
    (local $v v128) (local $m i32)
    (block $done (loop $step
      (br_if $done (i32.ge_u (local.get $a) (local.get $e)))
      (local.set $v (v128.load (local.get $a)))
      (local.set $m (i8x16.bitmask (v128.andnot
        (i8x16.lt_u (local.get $v) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32))
        (i8x16.eq (local.get $v) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10)))))
      (if (i32.lt_u (i32.sub (local.get $e) (local.get $a)) (i32.const 16)) (then
        (local.set $m (i32.and (local.get $m)
          (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $e) (local.get $a))) (i32.const 1))))))
      (if (local.get $m) (then (return (i32.const 1))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (br $step)))
    (i32.const 0))

  ;; Scans the object that starts at $a (a '{') and ends its line, which must end with a '\n' in memory. Returns the
  ;; index of that '\n', with the fields found; or -1 when the line needs the text scanner (escapes, nesting, anything
  ;; malformed). A role takes the value of its best-ranked key, the last of equal ones, as ByteFields.set decides.
  (func $line (export "line") (param $a i32) (result i32)
    (local $p i32) (local $c i32) (local $ks i32) (local $spec i32) (local $vs i32)
    (local $e i32) (local $j i32) (local $m i32) (local $n i32) (local $v v128)
    (local $found i32) (local $role i32) (local $rank i32) (local $more i32) (local $strict i32)
    (local $ve i32) (local $q i32) (local $bit i32) (local $at i32)
    (local.set $p (i32.add (local.get $a) (i32.const 1)))
    (local.set $strict (i32.load (i32.const 65760)))
    (block $fail
      (block $close
        (loop $key
          ;; Spaces, tabs and carriage returns are skipped between tokens, as JSON.parse skips them; a byte above 32
          ;; ends the loop at its first test. It is written out at each of its five places: as a function, called
          ;; about 40 times a line, it took the module a third longer (bench/summary-scan.mjs).
          (block $ws1 (loop $ws1l
            (local.set $c (i32.load8_u (local.get $p)))
            (br_if $ws1 (i32.gt_u (local.get $c) (i32.const 32)))
            (br_if $ws1 (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9)))
              (i32.eq (local.get $c) (i32.const 13)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $ws1l)))
          (if (i32.eq (local.get $c) (i32.const 125)) (then
            ;; Strict: no '}' after a ',' (JSON.parse refuses a trailing comma).
            (br_if $fail (i32.and (local.get $more) (local.get $strict)))
            (br $close)))
          (br_if $fail (i32.ne (local.get $c) (i32.const 34)))
          ;; The key ends at the first '"' (or the line at a '\n'), 16 bytes a step. A '\' in it sends the line to the
          ;; text scanner, which reads an escaped key as JSON.parse does: as what it spells.
          (local.set $ks (i32.add (local.get $p) (i32.const 1)))
          (local.set $p (local.get $ks))
          (block $kq (loop $kql
            (local.set $v (v128.load (local.get $p)))
            (local.set $m (i8x16.bitmask (v128.or (v128.or
              (i8x16.eq (local.get $v) (v128.const i8x16 34 34 34 34 34 34 34 34 34 34 34 34 34 34 34 34))
              (i8x16.eq (local.get $v) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10)))
              (i8x16.eq (local.get $v) (v128.const i8x16 92 92 92 92 92 92 92 92 92 92 92 92 92 92 92 92)))))
            (if (local.get $m) (then (local.set $p (i32.add (local.get $p) (i32.ctz (local.get $m)))) (br $kq)))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $kql)))
          (br_if $fail (i32.ne (i32.load8_u (local.get $p)) (i32.const 34)))
          ;; The first candidate key of that length with those bytes.
          (local.set $spec (i32.const -1))
          (local.set $n (i32.sub (local.get $p) (local.get $ks)))
          (if (i32.lt_u (local.get $n) (i32.const 256)) (then
            (local.set $e (i32.load (i32.shl (local.get $n) (i32.const 2))))
            (block $found (loop $entry
              (br_if $found (i32.eqz (local.get $e)))
              ;; Eight bytes a step, then the last 0-7 under a mask (the bytes read past either key are not compared).
              (local.set $j (i32.const 0))
              (block $differ
                (block $words (loop $word
                  (br_if $words (i32.gt_u (i32.add (local.get $j) (i32.const 8)) (local.get $n)))
                  (br_if $differ (i64.ne (i64.load offset=16 (i32.add (local.get $e) (local.get $j)))
                    (i64.load (i32.add (local.get $ks) (local.get $j)))))
                  (local.set $j (i32.add (local.get $j) (i32.const 8)))
                  (br $word)))
                (br_if $differ (i64.ne (i64.const 0) (i64.and
                  (i64.xor (i64.load offset=16 (i32.add (local.get $e) (local.get $j))) (i64.load (i32.add (local.get $ks) (local.get $j))))
                  (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.shl (i32.sub (local.get $n) (local.get $j)) (i32.const 3)))) (i64.const 1)))))
                (local.set $spec (i32.load offset=4 (local.get $e)))
                (local.set $role (i32.load offset=8 (local.get $e)))
                (local.set $rank (i32.load offset=12 (local.get $e)))
                (br $found))
              (local.set $e (i32.load (local.get $e)))
              (br $entry)))))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (block $ws2 (loop $ws2l
            (local.set $c (i32.load8_u (local.get $p)))
            (br_if $ws2 (i32.gt_u (local.get $c) (i32.const 32)))
            (br_if $ws2 (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9)))
              (i32.eq (local.get $c) (i32.const 13)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $ws2l)))
          (br_if $fail (i32.ne (local.get $c) (i32.const 58)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (block $ws3 (loop $ws3l
            (local.set $c (i32.load8_u (local.get $p)))
            (br_if $ws3 (i32.gt_u (local.get $c) (i32.const 32)))
            (br_if $ws3 (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9)))
              (i32.eq (local.get $c) (i32.const 13)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $ws3l)))
          (local.set $q (i32.const -1))
          (if (i32.eq (local.get $c) (i32.const 34))
            (then
              ;; A string: it ends at the first '"'; a '\' or a '\n' before it sends the line to the text scanner.
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (local.set $vs (local.get $p))
              (block $sq (loop $sql
                (local.set $v (v128.load (local.get $p)))
                (local.set $m (i8x16.bitmask (v128.or (v128.or
                  (i8x16.eq (local.get $v) (v128.const i8x16 34 34 34 34 34 34 34 34 34 34 34 34 34 34 34 34))
                  (i8x16.eq (local.get $v) (v128.const i8x16 92 92 92 92 92 92 92 92 92 92 92 92 92 92 92 92)))
                  (i8x16.eq (local.get $v) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10)))))
                (if (local.get $m) (then (local.set $p (i32.add (local.get $p) (i32.ctz (local.get $m)))) (br $sq)))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (br $sql)))
              (br_if $fail (i32.ne (i32.load8_u (local.get $p)) (i32.const 34)))
              (if (i32.ge_s (local.get $spec) (i32.const 0)) (then
                (local.set $ve (local.get $p))
                (local.set $q (i32.const 1))))
              (local.set $p (i32.add (local.get $p) (i32.const 1))))
            (else
              ;; Anything else up to a ',', a '}', white space or the newline; an object or an array is not flat.
              (local.set $vs (local.get $p))
              (block $bare (loop $barel
                ;; The bytes that end it have a 1 in the table at 126976 (see the data segment).
                (br_if $bare (i32.load8_u offset=126976 (local.get $c)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (local.set $c (i32.load8_u (local.get $p)))
                (br $barel)))
              (br_if $fail (i32.eq (local.get $p) (local.get $vs)))
              (br_if $fail (i32.or (i32.eq (local.get $c) (i32.const 123)) (i32.eq (local.get $c) (i32.const 91))))
              ;; Strict, as the console's parser reads lines (it must agree with JSON.parse): the token must be JSON,
              ;; and a wanted key's null sends the line to the text scanner (JSON.parse keeps the last of a key said
              ;; twice, null included).
              (if (local.get $strict) (then
                (br_if $fail (i32.eqz (call $token (local.get $vs) (local.get $p))))
                (br_if $fail (i32.and (i32.ge_s (local.get $spec) (i32.const 0)) (i32.eq (i32.load8_u (local.get $vs)) (i32.const 110))))))
              ;; A null is no value (the bytes "null" read as one little-endian word).
              (if (i32.and (i32.ge_s (local.get $spec) (i32.const 0))
                (i32.eqz (i32.and (i32.eq (i32.sub (local.get $p) (local.get $vs)) (i32.const 4))
                  (i32.eq (i32.load (local.get $vs)) (i32.const 0x6c6c756e))))) (then
                (local.set $ve (local.get $p))
                (local.set $q (i32.const 0))))))
          ;; ByteFields.set for a wanted value, [$vs, $ve), quoted or not: the role keeps the value of its best-ranked
          ;; key, the last of equal ones. Written out once here: a call for each value took longer.
          (if (i32.ge_s (local.get $q) (i32.const 0)) (then
            (local.set $bit (i32.shl (i32.const 1) (local.get $role)))
            (local.set $at (i32.add (i32.const 65536) (i32.shl (local.get $role) (i32.const 2))))
            (if (i32.eqz (i32.and (i32.ne (i32.and (local.get $found) (local.get $bit)) (i32.const 0))
              (i32.gt_s (local.get $rank) (i32.load offset=160 (local.get $at))))) (then
              (i32.store offset=32 (local.get $at) (local.get $vs))
              (i32.store offset=64 (local.get $at) (local.get $ve))
              (i32.store offset=96 (local.get $at) (local.get $q))
              (i32.store offset=128 (local.get $at) (local.get $spec))
              (i32.store offset=160 (local.get $at) (local.get $rank))
              (local.set $found (i32.or (local.get $found) (local.get $bit)))))))
          (block $ws4 (loop $ws4l
            (local.set $c (i32.load8_u (local.get $p)))
            (br_if $ws4 (i32.gt_u (local.get $c) (i32.const 32)))
            (br_if $ws4 (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9)))
              (i32.eq (local.get $c) (i32.const 13)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $ws4l)))
          (if (i32.eq (local.get $c) (i32.const 44)) (then
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $more (i32.const 1))
            (br $key)))
          (br_if $close (i32.eq (local.get $c) (i32.const 125)))
          (br $fail)))
      ;; After the '}', only white space up to the newline.
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (block $ws5 (loop $ws5l
        (local.set $c (i32.load8_u (local.get $p)))
        (br_if $ws5 (i32.gt_u (local.get $c) (i32.const 32)))
        (br_if $ws5 (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9)))
          (i32.eq (local.get $c) (i32.const 13)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $ws5l)))
      (br_if $fail (i32.ne (local.get $c) (i32.const 10)))
      (i32.store (i32.const 65536) (local.get $found))
      ;; The time, when it is shaped like RFC 3339 (ByteTimes.parse); anything else is left to it.
      (i32.store offset=200 (i32.const 65536) (i32.const 0))
      (if (i32.and (local.get $found) (i32.const 1)) (then
        (local.set $vs (i32.load offset=32 (i32.const 65536)))
        (local.set $e (i32.load offset=64 (i32.const 65536)))
        (if (i32.and (i32.and (i32.ge_s (i32.sub (local.get $e) (local.get $vs)) (i32.const 19))
            (i32.and (i32.eq (i32.load8_u offset=4 (local.get $vs)) (i32.const 45)) (i32.eq (i32.load8_u offset=7 (local.get $vs)) (i32.const 45))))
          (i32.and (i32.or (i32.eq (i32.load8_u offset=10 (local.get $vs)) (i32.const 84)) (i32.eq (i32.load8_u offset=10 (local.get $vs)) (i32.const 32)))
            (i32.and (i32.eq (i32.load8_u offset=13 (local.get $vs)) (i32.const 58)) (i32.eq (i32.load8_u offset=16 (local.get $vs)) (i32.const 58))))) (then
          (f64.store offset=192 (i32.const 65536) (call $rfc3339 (local.get $vs) (local.get $e)))
          (i32.store offset=200 (i32.const 65536) (i32.const 1))))))
      ;; The level's and the service's values as numbers, the same for the same bytes.
      (i32.store offset=204 (i32.const 65536) (if (result i32) (i32.and (local.get $found) (i32.const 2))
        (then (call $intern (i32.const 66048) (i32.load offset=36 (i32.const 65536)) (i32.load offset=68 (i32.const 65536))))
        (else (i32.const -1))))
      (i32.store offset=208 (i32.const 65536) (if (result i32) (i32.and (local.get $found) (i32.const 8))
        (then (call $intern (i32.const 69632) (i32.load offset=44 (i32.const 65536)) (i32.load offset=76 (i32.const 65536))))
        (else (i32.const -1))))
      (return (local.get $p)))
    (i32.const -1))
)
