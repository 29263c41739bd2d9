// Draws styled lines with Ink; colour is dropped entirely when `color` is false.
import { Box, Text } from 'ink';
import type { Line, Tone } from './format/styled.js';
import { TONE_COLOR } from './format/styled.js';

/** Props: the lines and whether colour escapes may be used. */
export interface LinesProps {
  lines: Line[];
  color: boolean;
}

const toneColor = (tone: Tone | undefined, color: boolean): string | undefined => (color && tone ? TONE_COLOR[tone] : undefined);

/** A column of single-row Text elements, never wrapped. */
export function Lines({ lines, color }: LinesProps) {
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end">
          {l.length === 0 ? ' ' : l.map((s, j) => (
            <Text key={j} color={toneColor(s.tone, color)} bold={color && s.bold} inverse={s.inverse} dimColor={color && s.tone === 'muted'}>
              {s.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
