// Whether a file can be read as log text before it is read: the first bytes of text, binary, NUL-padded and gzip
// files, and devices such as /dev/zero that would never end.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { archiveProblem, notTextReason, SNIFF_BYTES } from '../../../src/sources/files/archive-check.js';
import { ArchiveError, checkArchives } from '../../../src/sources/files/archive-reader.js';
import { noise } from '../../helpers/noise.js';

const dir = mkdtempSync(join(tmpdir(), 'incident-archive-check-'));


const jsonLines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ ts: '2026-11-22T14:00:00Z', level: 'info', msg: `ok ${i}` })).join('\n');

describe('notTextReason', () => {
  const cases: Array<[string, Buffer, string | null]> = [
    ['JSON lines', Buffer.from(jsonLines), null],
    ['empty', Buffer.alloc(0), null],
    ['tabs, CRLF, form feeds and ANSI colours', Buffer.from('a\tb\r\n\u001b[31merror\u001b[0m\f\v\n'.repeat(100)), null],
    ['UTF-8 and Latin-1 bytes', Buffer.concat([Buffer.from('héllo 😀 '), Buffer.from([0xe9, 0xfc, 0x0a])]), null],
    ['a few stray NULs in text', Buffer.from(`${'x'.repeat(200)}\u0000`.repeat(50)), null],
    ['all NUL (/dev/zero)', Buffer.alloc(SNIFF_BYTES), 'NUL bytes'],
    ['a line then NUL padding', Buffer.concat([Buffer.from('started\n'), Buffer.alloc(4096)]), 'NUL bytes'],
    ['UTF-16 text', Buffer.from('hello world\n'.repeat(100), 'utf16le'), 'NUL bytes'],
    ['random bytes', noise(SNIFF_BYTES, 2463534242), 'control bytes'],
    ['BEL and backspace throughout', Buffer.from('ab\u0007\bcd\u0001\u0002\n'.repeat(100)), 'control bytes'],
  ];
  it.each(cases)('%s', (_name, head, reason) => {
    expect(notTextReason(head)).toBe(reason);
  });

  it('judges every byte value: NUL, then the controls but tab to CR and ESC, and DEL count against text', () => {
    for (let b = 0; b < 256; b++) {
      const counted = b === 0 ? 'NUL bytes' : (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b) || b === 0x7f ? 'control bytes' : null);
      expect([b, notTextReason(Buffer.alloc(1000, b))]).toEqual([b, counted]);
      // One among text is within the share allowed.
      expect([b, notTextReason(Buffer.concat([Buffer.from('x'.repeat(999)), Buffer.from([b])]))]).toEqual([b, null]);
    }
  });
});

describe('archiveProblem', () => {
  const problemOf = async (path: string) => (await archiveProblem(path, statSync(path)))?.problem ?? null;

  it('passes text and gzip text, refuses binary and gzip of NULs, and leaves the emptiness check to the caller', async () => {
    const write = (name: string, data: Buffer | string) => {
      const p = join(dir, name);
      writeFileSync(p, data);
      return p;
    };
    expect(await problemOf(write('app.jsonl', jsonLines))).toBeNull();
    expect(await problemOf(write('app.jsonl.gz', gzipSync(jsonLines)))).toBeNull();
    expect(await problemOf(write('empty.log', ''))).toBeNull();
    expect(await problemOf(write('blob.bin', noise(1 << 20)))).toBe('does not look like text (control bytes in the first 64 KiB)');
    expect(await problemOf(write('zeros.gz', gzipSync(Buffer.alloc(8 << 20))))).toBe('does not look like text (NUL bytes in the first 64 KiB)');
    // Text first and binary past the first 64 KiB is read as text (and its long lines cut).
    expect(await problemOf(write('late.log', Buffer.concat([Buffer.from(`${jsonLines}\n`.repeat(2)), Buffer.alloc(1 << 20)])))).toBeNull();
  });

  it.skipIf(!existsSync('/dev/zero'))('reads a device once: /dev/zero is not text, /dev/null is not a regular file', async () => {
    const zero = await archiveProblem('/dev/zero', statSync('/dev/zero'));
    expect(zero).toMatchObject({ problem: 'does not look like text (NUL bytes in the first 64 KiB)', code: 'INC_ARCHIVE_NOT_TEXT' });
    expect(await problemOf('/dev/null')).toBe('is not a regular file');
  });

  it('makes checkArchives refuse a pipe by name, before opening it (an open would wait for a writer)', async () => {
    const fifo = join(dir, 'piped.jsonl');
    execFileSync('mkfifo', [fifo]);
    const err = await checkArchives([fifo]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArchiveError);
    expect((err as ArchiveError).message).toBe(`${fifo}: is a pipe, and the summary reads a file by its offsets`);
    expect((err as ArchiveError).hint).toBe('save it to a file first, e.g. zcat app.log.gz > app.log');
  });

  it.skipIf(!existsSync('/dev/zero'))('makes checkArchives throw an ArchiveError naming the file', async () => {
    const err = await checkArchives([join(dir, 'app.jsonl'), '/dev/zero']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArchiveError);
    expect((err as ArchiveError).message).toBe('/dev/zero: does not look like text (NUL bytes in the first 64 KiB)');
    expect((err as ArchiveError).code).toBe('INC_ARCHIVE_NOT_TEXT');
  });
});
