// Deploy markers from Kubernetes JSON (`kubectl rollout history deploy/x -o json`, ReplicaSets, ControllerRevisions) or {"at","label"} lines.
import { cleanLabel, FUTURE_TOLERANCE_MS, mergeMarkers, parseDeployLines, parseMarkerTime, type ParsedMarkers } from './deploy-markers.js';
import type { DeployMarker } from '../console-state/events.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});

/**
 * Top-level JSON values written one after another (kubectl prints one object per revision), or null when the
 * text is not such a sequence. Only objects and arrays are accepted at the top level.
 */
export function splitJsonDocuments(text: string): unknown[] | null {
  const docs: unknown[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      i += 1;
      continue;
    }
    if (c !== '{' && c !== '[') return null;
    const start = i;
    let depth = 0;
    let inString = false;
    for (; i < text.length; i++) {
      const ch = text[i];
      if (inString) {
        if (ch === '\\') i += 1;
        else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') depth += 1;
      else if (ch === '}' || ch === ']') {
        depth -= 1;
        if (depth === 0) break;
      }
    }
    if (depth !== 0) return null;
    i += 1;
    try {
      docs.push(JSON.parse(text.slice(start, i)));
    } catch {
      return null;
    }
  }
  return docs;
}

function ownerName(meta: Obj): string {
  const owners = Array.isArray(meta.ownerReferences) ? meta.ownerReferences.map(obj) : [];
  const owner = owners.find((o) => typeof o.name === 'string');
  if (owner) return owner.name as string;
  const name = typeof meta.name === 'string' ? meta.name : 'deploy';
  // A ReplicaSet is named <deployment>-<pod-template-hash>.
  return name.replace(/-[a-z0-9]{6,10}$/, '');
}

function imageOf(rs: Obj): string | undefined {
  const containers = obj(obj(obj(obj(rs.spec).template).spec)).containers;
  const image = Array.isArray(containers) ? obj(containers[0]).image : undefined;
  return typeof image === 'string' ? image.slice(image.lastIndexOf('/') + 1) : undefined;
}

function revisionOf(doc: Obj, meta: Obj): string | undefined {
  const annotations = obj(meta.annotations);
  const rev = annotations['deployment.kubernetes.io/revision'] ?? doc.revision;
  return typeof rev === 'string' || typeof rev === 'number' ? String(rev) : undefined;
}

/** What Kubernetes objects gave: markers, and objects that were not revisions (or lacked a time). */
export interface KubeMarkers {
  markers: DeployMarker[];
  skipped: number;
}

/**
 * Markers from ReplicaSets and ControllerRevisions (also inside a List): one per revision at its creation time,
 * labelled "<owner> rev N" plus the first container's image for a ReplicaSet.
 */
export function markersFromKubernetes(docs: unknown[], source: string): KubeMarkers {
  const out: KubeMarkers = { markers: [], skipped: 0 };
  const visit = (doc: unknown): void => {
    if (Array.isArray(doc)) return doc.forEach(visit);
    const d = obj(doc);
    if (Array.isArray(d.items)) return d.items.forEach(visit);
    const meta = obj(d.metadata);
    const rev = revisionOf(d, meta);
    const at = parseMarkerTime(meta.creationTimestamp);
    if ((d.kind !== 'ReplicaSet' && d.kind !== 'ControllerRevision') || rev === undefined || at === null) {
      out.skipped += 1;
      return;
    }
    const image = d.kind === 'ReplicaSet' ? imageOf(d) : undefined;
    out.markers.push({ at, label: cleanLabel(`${ownerName(meta)} rev ${rev}${image ? ` ${image}` : ''}`), source });
  };
  docs.forEach(visit);
  return out;
}

/**
 * Markers from what a deploys command or file printed: Kubernetes JSON when the text is a sequence of JSON
 * documents that are Kubernetes objects, else {"at","label"} lines. `now` (epoch ms) decides what is in the future.
 */
export function parseDeployOutput(text: string, now: number, source: string): ParsedMarkers {
  // Only text that names a kind or apiVersion early on is worth splitting as Kubernetes documents.
  const docs = /^\s*[[{]/.test(text) && /"(kind|apiVersion)"\s*:/.test(text.slice(0, 4096)) ? splitJsonDocuments(text) : null;
  const kube = docs?.length && docs.every((d) => Array.isArray(d) || (isObj(d) && ('kind' in d || 'apiVersion' in d)));
  if (!docs || !kube) return parseDeployLines(text, now, source);
  const found = markersFromKubernetes(docs, source);
  const future = found.markers.filter((m) => m.at > now + FUTURE_TOLERANCE_MS).length;
  return {
    markers: mergeMarkers(found.markers.filter((m) => m.at <= now + FUTURE_TOLERANCE_MS), 0),
    garbage: found.skipped,
    future,
  };
}
