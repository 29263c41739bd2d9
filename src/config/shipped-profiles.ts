// Profiles shipped inside the program, as YAML text.
import defaultProfile from '../../profiles/default.yaml?raw';
import demoProfile from '../../profiles/demo.yaml?raw';
import otelCollectorProfile from '../../profiles/otel-collector.yaml?raw';
import vectorProfile from '../../profiles/vector.yaml?raw';

/** Shipped profile name -> YAML text. */
export const shippedProfiles: Record<string, string> = {
  default: defaultProfile,
  demo: demoProfile,
  vector: vectorProfile,
  'otel-collector': otelCollectorProfile,
};
