/**
 * What conditions read: the record's fields, the matched account, its parent, and a few
 * fields the engine derives. Accessors are compiled once per field path.
 */
import type { AccountContext, RecordContext, RoutedRecord } from "./types";

export interface View {
  f: Record<string, unknown>;
  a: AccountContext | null;
  p: AccountContext | null;
  d: { is_duplicate: boolean; matched_by: string | null; rolled_up_from_workspace: boolean };
}

export function makeView(record: RoutedRecord, context: RecordContext | null | undefined): View {
  return {
    f: record.fields,
    a: context?.account ?? null,
    p: context?.parentAccount ?? null,
    d: {
      is_duplicate: (context?.duplicates?.length ?? 0) > 0,
      matched_by: context?.matchedBy ?? null,
      rolled_up_from_workspace: Boolean(context?.rolledUpFromWorkspace),
    },
  };
}

export type Accessor = (v: View) => unknown;

function nested(path: string[]): (o: Record<string, unknown> | null) => unknown {
  if (path.length === 1) {
    const k = path[0]!;
    return (o) => (o === null ? undefined : o[k]);
  }
  return (o) => {
    let cur: unknown = o;
    for (const k of path) {
      if (cur === null || typeof cur !== "object") return undefined;
      cur = (cur as Record<string, unknown>)[k];
    }
    return cur;
  };
}

export function compileAccessor(path: string): Accessor {
  const parts = path.split(".");
  const [head, ...rest] = parts;
  if (
    head === "account" &&
    rest.length === 1 &&
    (rest[0] === "is_duplicate" || rest[0] === "matched_by" || rest[0] === "rolled_up_from_workspace")
  ) {
    const k = rest[0];
    return (v) => v.d[k];
  }
  if (head === "account" && rest.length > 0) {
    const get = nested(rest);
    return (v) => get(v.a);
  }
  if (head === "parent_account" && rest.length > 0) {
    const get = nested(rest);
    return (v) => get(v.p);
  }
  const get = nested(parts);
  return (v) => get(v.f);
}

/** null, undefined, "" and [] count as missing. */
export function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}
