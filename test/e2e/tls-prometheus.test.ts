// TLS per endpoint against a real Prometheus serving TLS (--web.config.file) with a CA made by openssl in the test:
// connects with tls.ca_file, fails with a reason that says what to set without it, and the same for client certificates.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { runCli, tempStateDir } from '../helpers/cli.js';
import { makeTestCa, startTlsPrometheus, type TestCa, type TlsPrometheus } from '../helpers/tls-prometheus.js';

const binary = requireBinary('prometheus', 'prometheus');
const openssl = requireBinary('openssl', 'openssl');

describe.skipIf(!binary || !openssl)('TLS to a real Prometheus', () => {
  let ca: TestCa;
  let plain: TlsPrometheus;
  let mutual: TlsPrometheus;
  let expired: TlsPrometheus;
  const stateDir = tempStateDir();

  beforeAll(async () => {
    ca = makeTestCa();
    [plain, mutual, expired] = await Promise.all([startTlsPrometheus(binary!, ca, false), startTlsPrometheus(binary!, ca, true), startTlsPrometheus(binary!, ca, 'expired')]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([plain?.stop(), mutual?.stop(), expired?.stop()]);
  });

  /** A profile file for `url` with the given `tls:` lines (already indented under prometheus). */
  const profile = (name: string, url: string, tls: string) => {
    const file = join(ca.dir, `${name}.yaml`);
    writeFileSync(file, `name: ${name}\nextends: default\nprometheus:\n  url: ${url}\n${tls}`);
    return file;
  };
  const once = async (file: string) => {
    const res = await runCli(['watch', '--service', 'payments', '--profile', file, '--once', '--json', '--state-dir', stateDir]);
    return JSON.parse(res.stdout).sources.find((s: { name: string }) => s.name === 'prometheus');
  };

  it('connects with tls.ca_file', async () => {
    const source = await once(profile('with-ca', plain.url, `  tls:\n    ca_file: ${ca.ca}\n`));
    expect(source.state).toBe('up');
    expect(source.error).toBeNull();
  });

  it('without tls.ca_file says the authority is unknown and what to set', async () => {
    const source = await once(profile('no-ca', plain.url, ''));
    expect(source.state).toBe('down');
    expect(source.error).toContain(`error rate: certificate signed by unknown authority (set tls.ca_file) (${plain.url}/api/v1/query_range?`);
  });

  it('with another CA names the file that does not hold the authority', async () => {
    const source = await once(profile('other-ca', plain.url, `  tls:\n    ca_file: ${ca.otherCa}\n`));
    expect(source.error).toContain(`error rate: certificate signed by an authority not in tls.ca_file ${ca.otherCa} (${plain.url}/`);
  });

  it('a server name the certificate is not for is a hostname mismatch naming the certificate\'s names', async () => {
    const source = await once(profile('wrong-name', plain.url, `  tls:\n    ca_file: ${ca.ca}\n    server_name: grafana.internal\n`));
    expect(source.error).toContain(`error rate: hostname mismatch: certificate is for prom.internal, 127.0.0.1 (tls.server_name is grafana.internal) (${plain.url}/`);
  });

  it('tls.server_name set to a name on the certificate connects', async () => {
    const source = await once(profile('right-name', plain.url, `  tls:\n    ca_file: ${ca.ca}\n    server_name: prom.internal\n`));
    expect(source.state).toBe('up');
  });

  it('connects with a client certificate when the server requires one', async () => {
    const source = await once(profile('mtls', mutual.url, `  tls:\n    ca_file: ${ca.ca}\n    cert_file: ${ca.clientCert}\n    key_file: ${ca.clientKey}\n`));
    expect(source.state).toBe('up');
    expect(source.error).toBeNull();
  });

  it('without a client certificate says the server asked for one and what to set', async () => {
    const source = await once(profile('mtls-none', mutual.url, `  tls:\n    ca_file: ${ca.ca}\n`));
    expect(source.state).toBe('down');
    expect(source.error).toContain(`error rate: server asked for a client certificate (set tls.cert_file and tls.key_file) (${mutual.url}/`);
  });

  it('an expired certificate says when it expired', async () => {
    const source = await once(profile('expired', expired.url, `  tls:\n    ca_file: ${ca.ca}\n`));
    expect(source.state).toBe('down');
    expect(source.error).toContain(`error rate: certificate expired on 2025-11-01 (${expired.url}/`);
  });

  it('doctor prints the certificate\'s subject, issuer and expiry', async () => {
    const res = await runCli(['doctor', '--profile', profile('doctor', mutual.url, `  tls:\n    ca_file: ${ca.ca}\n    cert_file: ${ca.clientCert}\n    key_file: ${ca.clientKey}\n`)]);
    const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const line = res.stdout.split('\n').find((l) => /\btls\b/.test(l) && l.includes('subject'));
    expect(line).toContain('subject CN=prom.internal; issuer CN=incident test ca; expires ');
    // openssl counts 30 days from the second it signs; the day may roll over between signing and this line.
    expect([expires, new Date(Date.now() + 29 * 86_400_000).toISOString().slice(0, 10)].some((d) => line!.includes(`expires ${d}`))).toBe(true);
  });

  it('doctor fails the certificate check without the CA, with the reason', async () => {
    const res = await runCli(['doctor', '--profile', profile('doctor-no-ca', plain.url, '')]);
    expect(res.code).toBe(1);
    const line = res.stdout.split('\n').find((l) => /\btls\b/.test(l) && l.includes('subject'));
    expect(line).toContain('certificate signed by unknown authority (set tls.ca_file); subject CN=prom.internal');
  });
});
