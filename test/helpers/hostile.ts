// Hostile strings for the tests of what servers, files and commands may send: every class of terminal control.

/**
 * OSC 0 (title), OSC 52 (clipboard), OSC 8 (link), CSI 2J, CR, BS, SO, BEL, C1 CSI and a bidi override: what a label
 * value may carry (valid UTF-8, so Prometheus stores it).
 */
export const HOSTILE = 'x\u001b]0;PWNED\u0007\u001b]52;c;cHduZWQ=\u0007\u001b]8;;http://evil\u0007link\u001b]8;;\u0007\u001b[2J\rOVER\bWRITE\u000e\u009b31m\u202etxt';

/** The same with a lone surrogate, which only JSON can carry (an API error, an Alertmanager answer). */
export const HOSTILE_JSON = `${HOSTILE}\ud800end`;

/** Any control a terminal acts on: C0 but tab and newline, DEL, C1, bidi embeddings, overrides and isolates. */
export const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** How the screen shows the start of HOSTILE: the title sequence made visible. */
export const HOSTILE_SHOWN = 'x^[]0;PWNED^G';

/** A label value quoted for the text exposition format. */
export const expositionLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
