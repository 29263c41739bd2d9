// Lets the screen take composed lines straight from the component tree, past Ink's own text output.
import { createContext } from 'react';
import type { Line } from '../terminal/styled.js';

/** Receives every composed screen as lines (and whether colour may be used); null when Ink draws the lines itself. */
export type FrameSink = (lines: Line[], color: boolean) => void;

/** Provided by a screen that writes frames itself; the one Lines element on screen hands its lines to it. */
export const FrameSinkContext = createContext<FrameSink | null>(null);
