import { z } from "zod";

/** Paging and sorting shared by every list: pages (URL search params) and the API (query string). */
export function listQuerySchema<const K extends readonly [string, ...string[]]>(sortKeys: K, defaultSort: K[number]) {
  return z.object({
    q: z.string().trim().max(200, "Search text is limited to 200 characters.").optional().catch(undefined),
    sort: z.enum(sortKeys).catch(defaultSort).default(defaultSort),
    dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
    page: z.coerce.number().int().min(1).catch(1).default(1),
    pageSize: z.coerce
      .number()
      .int()
      .refine((n) => [25, 50, 100].includes(n))
      .catch(25)
      .default(25),
  });
}

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

export function pageOf<T>(rows: T[], total: number, page: number, pageSize: number): Page<T> {
  return { rows, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** URLSearchParams or Next's searchParams object → a plain record for zod. */
export function searchParamsToObject(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (params instanceof URLSearchParams) {
    params.forEach((value, key) => {
      if (value !== "") out[key] = value;
    });
    return out;
  }
  for (const [key, value] of Object.entries(params)) {
    const v = Array.isArray(value) ? value[0] : value;
    if (v !== undefined && v !== "") out[key] = v;
  }
  return out;
}
