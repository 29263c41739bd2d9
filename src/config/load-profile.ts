// Finds and loads the profile to use: a file path, the user's config, ~/.config/incident/profiles, or a shipped one.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { cosmiconfigSync, defaultLoaders } from 'cosmiconfig';
import { ProfileError, UserError } from './errors.js';
import { interpolateEnv, mergeDocs } from './interpolate-env.js';
import type { Profile } from './profile.js';
import { profileSchema, userConfigSchema, type ProfileInput } from './profile-schema.js';
import { resolveProfile } from './resolve-profile.js';
import { shippedProfiles } from './shipped-profiles.js';
import { isTrusted, isUsersOwn } from './trust.js';

/** Where to look and what to substitute. */
export interface LoadProfileOptions {
  /** Profile name or path to a profile file; undefined means the configured default. */
  name?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const SEARCH_PLACES = ['package.json', '.incidentrc', '.incidentrc.json', '.incidentrc.yaml', '.incidentrc.yml',
  '.config/incidentrc', '.config/incidentrc.yaml', '.config/incidentrc.yml', '.config/incidentrc.json'];

interface Found {
  doc: unknown;
  file: string;
  /** The config file found by searching upward that the document came from, when it is not the user's own. */
  foreign?: string;
}

/** Largest profile or config file read, in bytes. */
export const MAX_PROFILE_BYTES = 1024 * 1024;

/** Most values a profile may hold once YAML aliases are expanded (a real profile holds a few hundred). */
export const MAX_PROFILE_NODES = 100_000;

/**
 * How many values `doc` holds with every alias expanded, counted without expanding anything (each shared object
 * once, with its size remembered); stops counting past `limit`.
 */
export function expandedSize(doc: unknown, limit: number): number {
  const sizes = new Map<object, number>();
  const visit = (v: unknown): number => {
    if (v === null || typeof v !== 'object') return 1;
    const known = sizes.get(v);
    if (known !== undefined) return known;
    sizes.set(v, limit + 1); // a cycle counts as too large
    let n = 1;
    for (const child of Object.values(v)) {
      n += visit(child);
      if (n > limit) break;
    }
    sizes.set(v, Math.min(n, limit + 1));
    return Math.min(n, limit + 1);
  };
  return visit(doc);
}

/** Refuses a document that would expand past MAX_PROFILE_NODES values (a YAML alias bomb). */
function checkExpansion(file: string, doc: unknown): unknown {
  if (expandedSize(doc, MAX_PROFILE_NODES) > MAX_PROFILE_NODES) {
    throw new ProfileError(file, '', `expands to more than ${MAX_PROFILE_NODES.toLocaleString('en')} values through YAML aliases`);
  }
  return doc;
}

function parseYaml(file: string, text: string): unknown {
  if (text.length > MAX_PROFILE_BYTES) throw new ProfileError(file, '', `is larger than ${MAX_PROFILE_BYTES / 1024} KiB`);
  let doc: unknown;
  try {
    doc = defaultLoaders['.yaml'](file, text) ?? {};
  } catch (err) {
    const first = String((err as Error).message).split('\n')[0];
    throw new ProfileError(file, '', `not valid YAML: ${first}`);
  }
  return checkExpansion(file, doc);
}

function findUserConfig(opts: LoadProfileOptions): { config: ReturnType<typeof userConfigSchema>; file: string } | null {
  // Searched synchronously: a few dozen file checks cost well under a millisecond this way, and several turns of
  // the event loop (about 5 ms before the first request could go) when each one is awaited.
  const explorer = cosmiconfigSync('incident', { searchPlaces: SEARCH_PLACES, searchStrategy: 'global', stopDir: homedir() });
  let result;
  try {
    result = explorer.search(opts.cwd);
  } catch (err) {
    const e = err as Error & { filepath?: string };
    throw new ProfileError(e.filepath ?? 'config', '', `cannot be read: ${String(e.message).split('\n')[0]}`);
  }
  if (!result || result.isEmpty) return null;
  return { config: userConfigSchema(checkExpansion(result.filepath, result.config), '', result.filepath), file: result.filepath };
}

/** The user's config directory: $XDG_CONFIG_HOME, else ~/.config. */
export function configHome(env: NodeJS.ProcessEnv): string {
  return env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
}

function findDocument(name: string, opts: LoadProfileOptions, user: Awaited<ReturnType<typeof findUserConfig>>): Found {
  if (name.includes('/') || /\.(ya?ml|json)$/.test(name)) {
    const file = name.startsWith('/') ? name : join(opts.cwd, name);
    if (!existsSync(file)) throw new UserError('INC_PROFILE_NOT_FOUND', `--profile: no such file ${file}`);
    return { doc: parseYaml(file, readFileSync(file, 'utf8')), file };
  }
  const fromUser = user?.config.profiles?.[name];
  if (fromUser && user) {
    const home = opts.env.HOME || homedir();
    const foreign = isUsersOwn(user.file, home, configHome(opts.env)) ? undefined : user.file;
    return { doc: fromUser, file: `${user.file} (profiles.${name})`, foreign };
  }
  for (const ext of ['yaml', 'yml']) {
    const file = join(configHome(opts.env), 'incident', 'profiles', `${name}.${ext}`);
    if (existsSync(file)) return { doc: parseYaml(file, readFileSync(file, 'utf8')), file };
  }
  const shipped = shippedProfiles[name];
  if (shipped !== undefined) return { doc: JSON.parse(shipped) as unknown, file: `(shipped)/${name}.yaml` };
  const known = [...Object.keys(user?.config.profiles ?? {}), ...Object.keys(shippedProfiles)];
  throw new UserError('INC_PROFILE_NOT_FOUND', `--profile: no profile named "${name}"`, `known profiles: ${known.join(', ')}`);
}

/** Loads, validates and resolves the profile; throws UserError (exit 2) naming the file and field on any problem. */
export async function loadProfile(opts: LoadProfileOptions): Promise<Profile> {
  const user = findUserConfig(opts);
  const name = opts.name ?? user?.config.default_profile ?? 'default';
  const chain: Array<{ input: ProfileInput; file: string; foreign?: string }> = [];
  const seen = new Set<string>();
  let next: string | undefined = name;
  // A file named by an untrusted config (its default_profile, or an extends of one of its profiles) is as untrusted.
  const userForeign = user && !isUsersOwn(user.file, opts.env.HOME || homedir(), configHome(opts.env)) ? user.file : undefined;
  let taint = opts.name === undefined && user?.config.default_profile ? userForeign : undefined;
  while (next !== undefined) {
    if (seen.has(next) || chain.length > 8) throw new ProfileError(chain[chain.length - 1]?.file ?? next, 'extends', `cycle through "${next}"`);
    seen.add(next);
    const found = findDocument(next, opts, user);
    const input = profileSchema(interpolateEnv(found.doc, opts.env, found.file), '', found.file);
    const byPath = next.includes('/') || /\.(ya?ml|json)$/.test(next);
    const foreign = found.foreign ?? (byPath && taint ? found.file : undefined);
    taint ??= foreign;
    chain.unshift({ input, file: found.file, foreign });
    next = input.extends;
  }
  const merged = chain.reduce<unknown>((acc, c) => mergeDocs(acc, c.input), {}) as ProfileInput;
  const top = chain[chain.length - 1];
  const profile = resolveProfile(merged, merged.name ?? name, top.file);
  const untrusted = untrustedCommands(chain, opts.env);
  return untrusted ? { ...profile, untrusted } : profile;
}

/** Commands that documents from an untrusted, upward-found config file would run; null when there are none. */
function untrustedCommands(chain: Array<{ input: ProfileInput; foreign?: string }>, env: NodeJS.ProcessEnv): { file: string; commands: string[] } | null {
  for (const c of chain) {
    if (!c.foreign) continue;
    const commands = [
      ...(c.input.logs?.commands ?? []).map((x) => (typeof x === 'string' ? x : `${x.cmd ?? ''}${x.shell ? ' (shell)' : ''}`)),
      ...(c.input.deploys?.command ? [c.input.deploys.command] : []),
    ];
    if (commands.length > 0 && !isTrusted(c.foreign, configHome(env))) return { file: c.foreign, commands };
  }
  return null;
}
