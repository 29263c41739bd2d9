// Starts a real ClickHouse (Debian clickhouse-server, 18.16) on free loopback ports with its own data directory and
// a minimal config; SQL goes through its HTTP interface.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './tsdb-server.js';

/** A running ClickHouse. */
export interface ClickHouseServer {
  url: string;
  /** Runs one statement (POST), resolving with the answer's text; rejects on an error. */
  sql(statement: string, body?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Starts `binary` (clickhouse-server); resolves once it answers SELECT 1. */
export async function startClickHouse(binary: string): Promise<ClickHouseServer> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-clickhouse-'));
  const [http, tcp] = [await freePort(), await freePort()];
  writeFileSync(join(dir, 'config.xml'), `<yandex>
  <logger><level>warning</level><console>1</console></logger>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <timezone>UTC</timezone>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <mark_cache_size>536870912</mark_cache_size>
</yandex>
`);
  writeFileSync(join(dir, 'users.xml'), `<yandex>
  <profiles><default></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`);
  const child: ChildProcess = spawn(binary, [`--config-file=${join(dir, 'config.xml')}`], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const url = `http://127.0.0.1:${http}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`clickhouse-server exited: ${stderr.slice(-500)}`);
      return (await fetch(`${url}/?query=SELECT%201`)).ok;
    }, 30_000, 'clickhouse-server');
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    async sql(statement, body) {
      const res = await fetch(`${url}/?query=${encodeURIComponent(statement)}`, { method: 'POST', body: body ?? '' });
      const text = await res.text();
      if (!res.ok) throw new Error(`clickhouse: ${text.slice(0, 300)}`);
      return text;
    },
    stop,
  };
}
