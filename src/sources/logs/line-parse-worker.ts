// Entry of the log parse thread: built into a small separate script (embedded in the program as text), so the thread
// loads only the parser, not the whole console.
import { runLineParseWorker } from './parse-thread.js';

runLineParseWorker();
