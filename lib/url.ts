/** Builds a link that keeps the current list state (filters, sort) and changes a few params. */
export function hrefWith(
  path: string,
  current: Record<string, string | undefined>,
  patch: Record<string, string | number | undefined | null>,
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(current)) if (v !== undefined && v !== "") params.set(k, v);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === null || v === "") params.delete(k);
    else params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
