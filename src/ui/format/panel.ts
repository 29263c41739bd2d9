// What a panel gives the frame: how many rows it wants, and its lines for the rows and width it gets.
import type { Line } from '../../terminal/styled.js';

/** A panel added by a later capability: how many rows it wants and how to draw into a given size. */
export interface ExtraPanel {
  wants: number;
  draw(rows: number, width: number): Line[];
}
