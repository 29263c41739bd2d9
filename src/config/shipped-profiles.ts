// Profiles shipped inside the program. Each was read from YAML when the program was built, by the same loader a
// user's profile is read with, and is kept as JSON text: a start does not load a YAML parser for them (8.6 ms in a
// CPU profile of the summary's start).
import defaultProfile from '../../profiles/default.yaml?json';
import demoProfile from '../../profiles/demo.yaml?json';
import otelCollectorProfile from '../../profiles/otel-collector.yaml?json';
import vectorProfile from '../../profiles/vector.yaml?json';

/** Shipped profile name -> its document as JSON text (each load parses its own copy). */
export const shippedProfiles: Record<string, string> = {
  default: defaultProfile,
  demo: demoProfile,
  vector: vectorProfile,
  'otel-collector': otelCollectorProfile,
};
