// The version of incident, written into recordings and compared when reading them (kept equal to package.json by a test).

/** This program's version (semver). */
export const INCIDENT_VERSION = '0.1.0';
