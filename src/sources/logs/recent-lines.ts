// A bounded memory of recently seen lines, for skipping lines a resumed stream sends again.

function keyOf(text: string): string {
  // Long lines are remembered by their ends and length, so memory stays small.
  return text.length <= 512 ? text : `${text.slice(0, 240)}\u0000${text.length}\u0000${text.slice(-240)}`;
}

/** The last `capacity` distinct lines added, oldest forgotten first. */
export class RecentLines {
  private readonly keys = new Set<string>();

  constructor(private readonly capacity: number) {}

  /** Remembers `text`. */
  add(text: string): void {
    const key = keyOf(text);
    this.keys.delete(key);
    this.keys.add(key);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.values().next().value as string);
  }

  /** Whether `text` is among the remembered lines. */
  has(text: string): boolean {
    return this.keys.has(keyOf(text));
  }
}
