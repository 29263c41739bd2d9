// The picker's value lists for the full screen: label values from Prometheus, capped, never throwing.
import type { Profile } from '../config/profile.js';
import type { PickerAction } from '../model/console-state/picker.js';
import { loadPickerValues } from '../sources/metrics/label-values.js';
import { PrometheusApi } from '../sources/metrics/prometheus-api.js';

/** A loader for the picker, or undefined when there is no Prometheus to ask (the picker then takes a typed name). */
export function pickerLoader(profile: Profile): ((scope: { service?: string }) => Promise<PickerAction>) | undefined {
  if (!profile.prometheus) return undefined;
  const api = new PrometheusApi(profile.prometheus);
  return (scope) => loadPickerValues(api, profile, scope);
}
