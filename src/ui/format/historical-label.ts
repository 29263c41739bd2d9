// The header's mark of a past window, so no one mistakes it for live: "AT 02:25Z (historical)".

/** "AT 02:25Z (historical)" for a window ending at `endMs`; the date is added when it is not `todayMs`'s UTC day, the seconds when not zero. */
export function historicalLabel(endMs: number, todayMs: number): string {
  const iso = new Date(endMs).toISOString();
  const time = iso.slice(17, 19) === '00' ? iso.slice(11, 16) : iso.slice(11, 19);
  const day = iso.slice(0, 10) === new Date(todayMs).toISOString().slice(0, 10) ? '' : `${iso.slice(0, 10)} `;
  return `AT ${day}${time}Z (historical)`;
}
