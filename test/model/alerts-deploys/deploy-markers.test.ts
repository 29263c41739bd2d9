// Deploy markers: times in any unit, future and garbage lines counted, series changes at the right step, log patterns.
import { describe, expect, it } from 'vitest';
import { safeText } from '../../../src/model/text/safe-text.js';
import { splitJsonDocuments, parseDeployOutput, markersFromKubernetes } from '../../../src/model/alerts-deploys/deploy-k8s.js';
import {
  cleanLabel, deployMarkerFromLine, describeRefused, markersFromSeries, markersInWindow, mergeMarkers, parseDeployLines, parseMarkerTime,
} from '../../../src/model/alerts-deploys/deploy-markers.js';
import type { Series } from '../../../src/model/console-state/events.js';
import type { LogLine } from '../../../src/model/logs/log-line.js';

const T = Date.parse('2026-11-22T14:31:00Z');
const NOW = Date.parse('2026-11-22T14:40:00Z');

describe('parseMarkerTime', () => {
  it.each<[string, unknown, number | null]>([
    ['RFC 3339 Z', '2026-11-22T14:31:00Z', T],
    ['RFC 3339 with nanoseconds', '2026-11-22T14:31:00.123456789Z', T + 123],
    ['RFC 3339 offset', '2026-11-22T15:31:00+01:00', T],
    ['RFC 3339 offset without colon', '2026-11-22T15:31:00+0100', T],
    ['space instead of T', '2026-11-22 14:31:00Z', T],
    ['epoch seconds', T / 1000, T],
    ['epoch seconds with fraction', T / 1000 + 0.25, T + 250],
    ['epoch milliseconds', T, T],
    ['epoch microseconds', T * 1000, T],
    ['epoch nanoseconds', T * 1e6, T],
    ['epoch seconds as a string', String(T / 1000), T],
    ['epoch nanoseconds as a string', `${T}000000`, T],
    ['no zone is ambiguous', '2026-11-22T14:31:00', null],
    ['a date alone', '2026-11-22', null],
    ['prose Date.parse would accept', 'November 22, 2026', null],
    ['zero', 0, null],
    ['negative', -5, null],
    ['NaN', Number.NaN, null],
    ['null', null, null],
    ['an object', { at: 1 }, null],
  ])('%s', (_name, input, want) => {
    expect(parseMarkerTime(input)).toBe(want);
  });
});

describe('parseDeployLines', () => {
  it('keeps good lines, counts garbage and future ones without drawing them', () => {
    const text = [
      `{"at":"2026-11-22T14:31:00Z","label":"payments v1.4.2"}`,
      `{"at":${T / 1000 + 60},"label":"checkout v7"}`,
      '',
      'not json at all',
      '{"at":"yesterday","label":"x"}',
      '{"label":"no time"}',
      `{"at":${T},"label":""}`,
      '[1,2]',
      `{"at":"2026-11-22T16:00:00Z","label":"from the future"}`,
      `{"at":${NOW + 30_000},"label":"skewed clock, kept"}`,
    ].join('\n');
    const r = parseDeployLines(text, NOW, 'file');
    expect(r.markers).toEqual([
      { at: T, label: 'payments v1.4.2', source: 'file' },
      { at: T + 60_000, label: 'checkout v7', source: 'file' },
      { at: NOW + 30_000, label: 'skewed clock, kept', source: 'file' },
    ]);
    expect(r.garbage).toBe(5);
    expect(r.future).toBe(1);
    expect(describeRefused(r)).toBe('5 unreadable lines, 1 in the future');
    expect(describeRefused({ garbage: 0, future: 0 })).toBeNull();
  });

  it('puts a label on one line, keeps other controls for the terminal gate to show, and cuts long ones', () => {
    expect(cleanLabel('v1\x1b[2J\x07  done\nne\rxt')).toBe('v1\x1b[2J\x07 done ne\rxt');
    expect(safeText(cleanLabel('v1\x1b[2J\x07  done\nne\rxt'))).toBe('v1^[[2J^G done ne^Mxt');
    expect(cleanLabel('x'.repeat(200))).toHaveLength(80);
  });
});

const series = (labels: Record<string, string>, values: Array<number | null>, start = T / 1000, step = 15): Series => ({
  labels, points: values.map((v, i) => [start + i * step, v]),
});

describe('markersFromSeries', () => {
  it('marks a generation change at the step that first shows the new value', () => {
    const s = series({ __name__: 'kube_deployment_status_observed_generation', deployment: 'payments', namespace: 'prod' }, [1, 1, 1, 2, 2, null, 2, 3]);
    expect(markersFromSeries([s], 'prometheus')).toEqual([
      { at: T + 45_000, label: 'payments generation 2', source: 'prometheus' },
      { at: T + 105_000, label: 'payments generation 3', source: 'prometheus' },
    ]);
  });

  it('folds metadata_generation and observed_generation of one rollout into one marker, the earlier', () => {
    const meta = series({ __name__: 'kube_deployment_metadata_generation', deployment: 'payments' }, [1, 2, 2, 2]);
    const observed = series({ __name__: 'kube_deployment_status_observed_generation', deployment: 'payments' }, [1, 1, 2, 2]);
    expect(markersFromSeries([observed, meta], 'prometheus')).toEqual([{ at: T + 15_000, label: 'payments generation 2', source: 'prometheus' }]);
  });

  it('marks Argo CD sync increases, not resets, and leaves failed syncs out unless asked', () => {
    const ok = series({ __name__: 'argocd_app_sync_total', name: 'payments', phase: 'Succeeded' }, [4, 4, 5, 5, 0, 0, 1]);
    const failed = series({ __name__: 'argocd_app_sync_total', name: 'payments', phase: 'Failed' }, [1, 2, 2, 2, 2, 2, 2]);
    expect(markersFromSeries([ok, failed], 'prometheus')).toEqual([
      { at: T + 30_000, label: 'payments sync', source: 'prometheus' },
      { at: T + 90_000, label: 'payments sync', source: 'prometheus' },
    ]);
    expect(markersFromSeries([failed], 'prometheus', { includeFailed: true })).toHaveLength(1);
  });

  it('reads an aggregated series by the kind it is told', () => {
    const s = series({ name: 'payments' }, [1, 2, 3]);
    expect(markersFromSeries([s], 'p', { kind: 'counter' }).map((m) => m.label)).toEqual(['payments sync', 'payments sync']);
    expect(markersFromSeries([s], 'p', { kind: 'generation' }).map((m) => m.label)).toEqual(['payments generation 2', 'payments generation 3']);
  });

  it('marks a Flux revision where its info series appears inside the range, not one present from the start', () => {
    const start = T / 1000;
    const old = series({ __name__: 'gotk_resource_info', name: 'payments', revision: 'main@sha1:aaa' }, [1, 1, null, null]);
    const fresh: Series = { labels: { __name__: 'gotk_resource_info', name: 'payments', revision: 'main@sha1:bbb' }, points: [[start + 30, 1], [start + 45, 1]] };
    const noRevision: Series = { labels: { __name__: 'gotk_resource_info', name: 'payments', ready: 'False' }, points: [[start + 30, 1]] };
    expect(markersFromSeries([old, fresh, noRevision], 'prometheus', { rangeStartS: start })).toEqual([
      { at: T + 30_000, label: 'payments main@sha1:bbb', source: 'prometheus' },
    ]);
    expect(markersFromSeries([fresh], 'prometheus')).toEqual([]);
  });

  it('marks nothing for a flat series or a single point', () => {
    expect(markersFromSeries([series({ deployment: 'a' }, [3, 3, 3]), series({ deployment: 'b' }, [7])], 'p')).toEqual([]);
  });
});

describe('window and merging', () => {
  it('keeps markers inside the window only and sorts them', () => {
    const m = [{ at: 30, label: 'b', source: 's' }, { at: 10, label: 'a', source: 's' }, { at: 99, label: 'c', source: 's' }];
    expect(markersInWindow(mergeMarkers(m, 0), 10, 50).map((x) => x.label)).toEqual(['a', 'b']);
  });
});

const logLine = (message: string, extra: Partial<LogLine> = {}): LogLine => ({
  at: T, timed: true, level: 'info', source: 'app.log', message, raw: message, ...extra,
});

describe('deployMarkerFromLine', () => {
  const pattern = /deployed version (?<version>\S+)/;
  it.each<[string, LogLine, string | null]>([
    ['version group with the service', logLine('deployed version v1.4.2 to prod', { service: 'payments' }), 'payments v1.4.2'],
    ['version group without a service', logLine('deployed version 2026.11.22-3'), '2026.11.22-3'],
    ['no match', logLine('request served'), null],
    ['matched in the raw line when the message is a field', logLine('rollout', { raw: '{"msg":"deployed version abc123 to prod"}' }), 'abc123'],
  ])('%s', (_name, line, label) => {
    const m = deployMarkerFromLine(line, pattern);
    expect(m?.label ?? null).toBe(label);
    if (m) expect(m).toMatchObject({ at: T, source: 'app.log' });
  });
  it('uses the whole match when the pattern has no version group, and copes with a global flag', () => {
    const g = /deploy finished/g;
    expect(deployMarkerFromLine(logLine('deploy finished'), g)?.label).toBe('deploy finished');
    expect(deployMarkerFromLine(logLine('deploy finished'), g)?.label).toBe('deploy finished');
  });
});

const replicaSet = (name: string, rev: number, created: string, image: string) => ({
  apiVersion: 'apps/v1', kind: 'ReplicaSet',
  metadata: {
    name, creationTimestamp: created, annotations: { 'deployment.kubernetes.io/revision': String(rev) },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'payments' }],
  },
  spec: { template: { spec: { containers: [{ name: 'app', image }] } } },
});

describe('Kubernetes JSON', () => {
  it('reads kubectl rollout history -o json: one pretty-printed ReplicaSet per revision', () => {
    const text = [
      JSON.stringify(replicaSet('payments-6d4cf56db6', 1, '2026-11-22T09:00:00Z', 'registry.example.com/team/payments:1.4.1'), null, 4),
      JSON.stringify(replicaSet('payments-7f9c8b4d5a', 2, '2026-11-22T14:31:00Z', 'registry.example.com/team/payments:1.4.2'), null, 4),
    ].join('\n');
    const r = parseDeployOutput(text, NOW, 'kubectl');
    expect(r).toEqual({
      markers: [
        { at: Date.parse('2026-11-22T09:00:00Z'), label: 'payments rev 1 payments:1.4.1', source: 'kubectl' },
        { at: T, label: 'payments rev 2 payments:1.4.2', source: 'kubectl' },
      ],
      garbage: 0, future: 0,
    });
  });

  it('reads a List of ReplicaSets and ControllerRevisions, skipping other objects', () => {
    const list = {
      kind: 'List', items: [
        replicaSet('payments-7f9c8b4d5a', 2, '2026-11-22T14:31:00Z', 'payments:1.4.2'),
        { kind: 'ControllerRevision', revision: 5, metadata: { name: 'logs-agent-5d8f7', creationTimestamp: '2026-11-22T14:35:00Z', ownerReferences: [{ kind: 'DaemonSet', name: 'logs-agent' }] } },
        { kind: 'Pod', metadata: { name: 'x' } },
      ],
    };
    const r = markersFromKubernetes([list], 'kubectl');
    expect(r.markers.map((m) => m.label)).toEqual(['payments rev 2 payments:1.4.2', 'logs-agent rev 5']);
    expect(r.skipped).toBe(1);
  });

  it('splits concatenated documents, braces inside strings included, and refuses broken ones', () => {
    expect(splitJsonDocuments('{"a":"}{"}\n[1]')).toEqual([{ a: '}{' }, [1]]);
    expect(splitJsonDocuments('{"a":1')).toBeNull();
    expect(splitJsonDocuments('{"a":1} trailing')).toBeNull();
  });

  it('falls back to {"at","label"} lines, and counts a table as garbage', () => {
    expect(parseDeployOutput(`{"at":${T},"label":"x"}`, NOW, 'ci').markers).toHaveLength(1);
    const table = parseDeployOutput('deployment.apps/payments\nREVISION  CHANGE-CAUSE\n1         <none>\n', NOW, 'kubectl');
    expect(table).toEqual({ markers: [], garbage: 3, future: 0 });
  });
});
