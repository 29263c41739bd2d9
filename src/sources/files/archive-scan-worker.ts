// Entry of a scan thread started by `replay --summary`: built into a small separate script (embedded in the program as
// text), so a thread does not load the whole console to scan half a file.
import { runArchiveScanWorker } from './archive-scan.js';

void runArchiveScanWorker();
