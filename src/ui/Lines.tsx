// Draws styled lines: handed to the screen's frame sink when there is one, else through Ink, one Text per row.
import { Box, Text } from 'ink';
import { useContext, useLayoutEffect } from 'react';
import { lineToAnsi } from '../terminal/ansi.js';
import type { Line } from '../terminal/styled.js';
import { FrameSinkContext } from './frame-sink.js';

/** Props: the lines and whether colour escapes may be used. */
export interface LinesProps {
  lines: Line[];
  color: boolean;
}

/**
 * The whole screen's lines. Under a FrameSinkContext (the full-screen console) they go to the sink and Ink draws
 * nothing, so only one Lines may be on screen there. Otherwise a column of single-row Text elements, never wrapped
 * (cut at the width), each row one pre-styled string rather than nested Text elements.
 */
export function Lines({ lines, color }: LinesProps) {
  const sink = useContext(FrameSinkContext);
  useLayoutEffect(() => {
    sink?.(lines, color);
  });
  if (sink) return null;
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end">
          {l.length === 0 ? ' ' : lineToAnsi(l, color)}
        </Text>
      ))}
    </Box>
  );
}
