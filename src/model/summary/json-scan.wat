;; Finds the role fields of a flat JSON object line in its bytes: JsonBytes.scan (summary-json-bytes.ts) in
;; WebAssembly, where the search for a string's end looks at 16 bytes a step. Both give the same answer for every line.
;;
;; Memory, laid out by summary-json-wasm.ts:
;;   [0, 1024)        the head of each key length's list of candidate keys: 256 i32 offsets (0: no key that long)
;;   [1024, 65536)    the candidate keys, each {next, spec, role, rank: i32; bytes}, 4-byte aligned, in KeyTable's
;;                    order; spec is the key's index in KeyTable, or -1 for a key whose value is not wanted
;;   [65536, 65728)   ByteFields of the line (summary-json-bytes.ts), as i32 words: at 0 a bit for each role found,
;;                    then 8 words each of the roles' value start, value end, quoted (1 or 0), spec and rank
;;   [131072, ...)    the bytes scanned, followed by at least 16 bytes that may be anything
(module
  (memory (export "mem") 3)

  ;; Scans the object that starts at $a (a '{') and ends its line, which must end with a '\n' in memory. Returns the
  ;; index of that '\n', with the fields found; or -1 when the line needs the text scanner (escapes, nesting, anything
  ;; malformed). A role takes the value of its best-ranked key, the last of equal ones, as ByteFields.set decides.
  (func (export "line") (param $a i32) (result i32)
    (local $p i32) (local $c i32) (local $ks i32) (local $spec i32) (local $vs i32)
    (local $e i32) (local $j i32) (local $m i32) (local $n i32) (local $v v128)
    (local $found i32) (local $role i32) (local $rank i32) (local $bit i32)
    (local.set $p (i32.add (local.get $a) (i32.const 1)))
    (block $fail
      (block $close
        (loop $key
          ;; Spaces, tabs and carriage returns are skipped between tokens, as JSON.parse skips them.
          (block $ws1 (loop $ws1l
            (local.set $c (i32.load8_u (local.get $p)))
            (br_if $ws1 (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9)))
              (i32.eq (local.get $c) (i32.const 13)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $ws1l)))
          (br_if $close (i32.eq (local.get $c) (i32.const 125)))
          (br_if $fail (i32.ne (local.get $c) (i32.const 34)))
          ;; The key ends at the first '"' (or the line at a '\n'), 16 bytes a step.
          (local.set $ks (i32.add (local.get $p) (i32.const 1)))
          (local.set $p (local.get $ks))
          (block $kq (loop $kql
            (local.set $v (v128.load (local.get $p)))
            (local.set $m (i8x16.bitmask (v128.or
              (i8x16.eq (local.get $v) (v128.const i8x16 34 34 34 34 34 34 34 34 34 34 34 34 34 34 34 34))
              (i8x16.eq (local.get $v) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10)))))
            (if (local.get $m) (then (local.set $p (i32.add (local.get $p) (i32.ctz (local.get $m)))) (br $kq)))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $kql)))
          (br_if $fail (i32.ne (i32.load8_u (local.get $p)) (i32.const 34)))
          ;; An escaped quote: the text scanner reads the key.
          (br_if $fail (i32.eq (i32.load8_u (i32.sub (local.get $p) (i32.const 1))) (i32.const 92)))
          ;; The first candidate key of that length with those bytes.
          (local.set $spec (i32.const -1))
          (local.set $n (i32.sub (local.get $p) (local.get $ks)))
          (if (i32.lt_u (local.get $n) (i32.const 256)) (then
            (local.set $e (i32.load (i32.shl (local.get $n) (i32.const 2))))
            (block $found (loop $entry
              (br_if $found (i32.eqz (local.get $e)))
              (local.set $j (i32.const 0))
              (block $differ (loop $byte
                (if (i32.eq (local.get $j) (local.get $n)) (then
                  (local.set $spec (i32.load offset=4 (local.get $e)))
                  (local.set $role (i32.load offset=8 (local.get $e)))
                  (local.set $rank (i32.load offset=12 (local.get $e)))
                  (br $found)))
                (br_if $differ (i32.ne (i32.load8_u offset=16 (i32.add (local.get $e) (local.get $j)))
                  (i32.load8_u (i32.add (local.get $ks) (local.get $j)))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $byte)))
              (local.set $e (i32.load (local.get $e)))
              (br $entry)))))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (block $ws2 (loop $ws2l
            (local.set $c (i32.load8_u (local.get $p)))
            (br_if $ws2 (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9)))
              (i32.eq (local.get $c) (i32.const 13)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $ws2l)))
          (br_if $fail (i32.ne (local.get $c) (i32.const 58)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (block $ws3 (loop $ws3l
            (local.set $c (i32.load8_u (local.get $p)))
            (br_if $ws3 (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9)))
              (i32.eq (local.get $c) (i32.const 13)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $ws3l)))
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
                (local.set $bit (i32.shl (i32.const 1) (local.get $role)))
                (local.set $e (i32.add (i32.const 65536) (i32.shl (local.get $role) (i32.const 2))))
                (if (i32.or (i32.eqz (i32.and (local.get $found) (local.get $bit)))
                  (i32.le_s (local.get $rank) (i32.load offset=160 (local.get $e)))) (then
                  (local.set $found (i32.or (local.get $found) (local.get $bit)))
                  (i32.store offset=32 (local.get $e) (local.get $vs))
                  (i32.store offset=64 (local.get $e) (local.get $p))
                  (i32.store offset=96 (local.get $e) (i32.const 1))
                  (i32.store offset=128 (local.get $e) (local.get $spec))
                  (i32.store offset=160 (local.get $e) (local.get $rank))))))
              (local.set $p (i32.add (local.get $p) (i32.const 1))))
            (else
              ;; Anything else up to a ',', a '}', white space or the newline; an object or an array is not flat.
              (local.set $vs (local.get $p))
              (block $bare (loop $barel
                (br_if $bare (i32.or
                  (i32.or (i32.or (i32.eq (local.get $c) (i32.const 44)) (i32.eq (local.get $c) (i32.const 125)))
                    (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9))))
                  (i32.or (i32.or (i32.eq (local.get $c) (i32.const 13)) (i32.eq (local.get $c) (i32.const 10)))
                    (i32.or (i32.eq (local.get $c) (i32.const 123)) (i32.eq (local.get $c) (i32.const 91))))))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (local.set $c (i32.load8_u (local.get $p)))
                (br $barel)))
              (br_if $fail (i32.eq (local.get $p) (local.get $vs)))
              (br_if $fail (i32.or (i32.eq (local.get $c) (i32.const 123)) (i32.eq (local.get $c) (i32.const 91))))
              ;; A null is no value (the bytes "null" read as one little-endian word).
              (if (i32.and (i32.ge_s (local.get $spec) (i32.const 0))
                (i32.eqz (i32.and (i32.eq (i32.sub (local.get $p) (local.get $vs)) (i32.const 4))
                  (i32.eq (i32.load (local.get $vs)) (i32.const 0x6c6c756e))))) (then
                (local.set $bit (i32.shl (i32.const 1) (local.get $role)))
                (local.set $e (i32.add (i32.const 65536) (i32.shl (local.get $role) (i32.const 2))))
                (if (i32.or (i32.eqz (i32.and (local.get $found) (local.get $bit)))
                  (i32.le_s (local.get $rank) (i32.load offset=160 (local.get $e)))) (then
                  (local.set $found (i32.or (local.get $found) (local.get $bit)))
                  (i32.store offset=32 (local.get $e) (local.get $vs))
                  (i32.store offset=64 (local.get $e) (local.get $p))
                  (i32.store offset=96 (local.get $e) (i32.const 0))
                  (i32.store offset=128 (local.get $e) (local.get $spec))
                  (i32.store offset=160 (local.get $e) (local.get $rank))))))))
          (block $ws4 (loop $ws4l
            (local.set $c (i32.load8_u (local.get $p)))
            (br_if $ws4 (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9)))
              (i32.eq (local.get $c) (i32.const 13)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $ws4l)))
          (if (i32.eq (local.get $c) (i32.const 44)) (then
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $key)))
          (br_if $close (i32.eq (local.get $c) (i32.const 125)))
          (br $fail)))
      ;; After the '}', only white space up to the newline.
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (block $ws5 (loop $ws5l
        (local.set $c (i32.load8_u (local.get $p)))
        (br_if $ws5 (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9)))
          (i32.eq (local.get $c) (i32.const 13)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $ws5l)))
      (br_if $fail (i32.ne (local.get $c) (i32.const 10)))
      (i32.store (i32.const 65536) (local.get $found))
      (return (local.get $p)))
    (i32.const -1)))
