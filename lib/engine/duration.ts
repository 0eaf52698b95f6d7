/** "15m" | "4h" | "2d" | minutes → minutes. The schema has already checked the shape. */
export function durationMinutes(d: number | string): number {
  if (typeof d === "number") return d;
  const m = /^(\d+)\s*(m|min|h|d)$/.exec(d.trim());
  if (!m) throw new Error(`Invalid duration "${d}"`);
  const n = Number(m[1]);
  return m[2] === "d" ? n * 1440 : m[2] === "h" ? n * 60 : n;
}

export function formatMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}
