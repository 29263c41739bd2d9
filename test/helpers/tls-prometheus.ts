// A test CA made with openssl (server and client certificates for 127.0.0.1) and a real Prometheus serving TLS with it
// through --web.config.file, with or without requiring a client certificate.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './tsdb-server.js';

/** The files of a test CA: the CA, a server certificate for 127.0.0.1 and localhost, and a client certificate. */
export interface TestCa {
  dir: string;
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** A second CA that signed nothing the server presents. */
  otherCa: string;
  /** A server certificate for the same names that expired on 2025-11-01, and its key. */
  expiredCert: string;
  expiredKey: string;
}

const openssl = (dir: string, args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });

/** Makes a CA and certificates signed by it in a fresh directory (EC P-256 keys, valid 30 days). */
export function makeTestCa(): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'incident-ca-'));
  const key = (name: string) => openssl(dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`]);
  for (const ca of ['ca', 'other-ca']) {
    key(ca);
    openssl(dir, ['req', '-x509', '-new', '-key', `${ca}.key`, '-days', '30', '-subj', `/CN=incident test ${ca}`, '-out', `${ca}.crt`]);
  }
  const leaf = (name: string, cn: string, ext: string) => {
    key(name);
    openssl(dir, ['req', '-new', '-key', `${name}.key`, '-subj', `/CN=${cn}`, '-out', `${name}.csr`]);
    writeFileSync(join(dir, `${name}.ext`), ext);
    openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '30', '-extfile', `${name}.ext`, '-out', `${name}.crt`]);
  };
  leaf('server', 'prom.internal', 'subjectAltName=DNS:prom.internal,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  leaf('client', 'incident-client', 'extendedKeyUsage=clientAuth\n');
  // `openssl x509` cannot date a certificate in the past; `openssl ca` can, with a throwaway database.
  key('expired');
  openssl(dir, ['req', '-new', '-key', 'expired.key', '-subj', '/CN=prom.internal', '-out', 'expired.csr']);
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(join(dir, 'ca.cnf'), '[ca]\ndefault_ca = c\n[c]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\ndefault_md = sha256\npolicy = p\n[p]\ncommonName = supplied\n');
  writeFileSync(join(dir, 'expired.ext'), 'subjectAltName=DNS:prom.internal,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  openssl(dir, ['ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.crt', '-keyfile', 'ca.key', '-in', 'expired.csr', '-out', 'expired.crt',
    '-startdate', '20250101000000Z', '-enddate', '20251101000000Z', '-extfile', 'expired.ext']);
  const p = (f: string) => join(dir, f);
  return {
    dir, ca: p('ca.crt'), serverCert: p('server.crt'), serverKey: p('server.key'), clientCert: p('client.crt'), clientKey: p('client.key'),
    otherCa: p('other-ca.crt'), expiredCert: p('expired.crt'), expiredKey: p('expired.key'),
  };
}

/** A running Prometheus behind TLS. */
export interface TlsPrometheus {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Prometheus on a free loopback port serving TLS with `ca`'s server certificate; `mtls` requires a client
 * certificate, 'plain' serves plain HTTP (no web config), 'expired' serves the expired certificate; `targets`
 * (host:port) are scraped every second.
 */
export async function startTlsPrometheus(binary: string, ca: TestCa, mtls: boolean | 'plain' | 'expired', targets: string[] = []): Promise<TlsPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-prom-tls-'));
  const port = await freePort();
  const web = join(dir, 'web.yml');
  const [cert, key] = mtls === 'expired' ? [ca.expiredCert, ca.expiredKey] : [ca.serverCert, ca.serverKey];
  writeFileSync(web, `tls_server_config:\n  cert_file: ${cert}\n  key_file: ${key}\n${mtls === true ? `  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ${ca.ca}\n` : ''}`);
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, targets.length
    ? `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: app\n    static_configs:\n      - targets: [${targets.map((t) => `"${t}"`).join(', ')}]\n`
    : 'global:\n  scrape_interval: 1s\nscrape_configs: []\n');
  const child: ChildProcess = spawn(binary, [`--config.file=${config}`, ...(mtls === 'plain' ? [] : [`--web.config.file=${web}`]), `--web.listen-address=127.0.0.1:${port}`,
    `--storage.tsdb.path=${join(dir, 'data')}`, '--log.level=error'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const tls = { ca: readFileSync(ca.ca), cert: readFileSync(ca.clientCert), key: readFileSync(ca.clientKey) };
  const ready = () => new Promise<boolean>((resolve) => {
    const req = (mtls === 'plain' ? httpRequest : request)({ host: '127.0.0.1', port, path: '/-/ready', ...tls, rejectUnauthorized: mtls !== 'expired', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`prometheus exited: ${stderr.slice(-500)}`);
    if (await ready()) break;
    if (i > 150) throw new Error(`prometheus (TLS) did not become ready: ${stderr.slice(-500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `${mtls === 'plain' ? 'http' : 'https'}://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
