// Chooses and builds the sources a profile asks for.
import type { Profile } from '../../config/profile.js';
import type { Source } from '../source.js';
import { alertsSource } from './alerts-source.js';
import type { Clock } from '../../model/session/clock.js';
import { customPanelsSource } from './custom-panels-source.js';
import { deploysSource } from './deploys-source.js';
import { makeLineParser } from '../../model/logs/log-parse.js';
import { buildLogSources } from '../logs/log-sources.js';
import { PrometheusApi } from './prometheus-api.js';
import { prometheusSource } from './prometheus-source.js';
import type { QueryScope } from './query-scope.js';
import { pipelinePollSource } from './pipeline-poll-source.js';
import { scrapeMetricsSource } from './scrape-metrics-source.js';

/** Every source configured in the profile, ready to start; `api` replaces the Prometheus client (a replay's cache). */
export function buildSources(profile: Profile, scope: () => QueryScope, clock: Clock, api?: PrometheusApi): Source[] {
  const sources: Source[] = [];
  // One client for every panel that asks Prometheus, so identical requests in a round go out once.
  const prom = profile.prometheus ? (api ?? new PrometheusApi(profile.prometheus)) : undefined;
  if (profile.prometheus) sources.push(prometheusSource(profile, scope, clock, prom));
  const panels = customPanelsSource(profile, scope, clock, prom);
  if (panels) sources.push(panels);
  const scrape = scrapeMetricsSource(profile, scope, clock);
  if (scrape) sources.push(scrape);
  const pipeline = pipelinePollSource(profile, clock, prom);
  if (pipeline) sources.push(pipeline);
  const alerts = alertsSource(profile, clock, { prometheus: prom });
  if (alerts) sources.push(alerts);
  const deploys = deploysSource(profile, scope, clock, { api: prom });
  if (deploys) sources.push(deploys);
  const s = scope();
  sources.push(...buildLogSources(profile, { parse: makeLineParser(profile.logs.fields), service: s.service, pod: s.pod, scope }));
  return sources;
}
