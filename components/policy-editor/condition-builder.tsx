"use client";

import type { Condition, InputType, Operator, Predicate } from "@/lib/engine/policy-schema";
import { OPS_BY_TYPE } from "@/lib/engine/validate-policy";
import { CommaInput } from "./comma-input";
import { field, linkButton, smallButton } from "./styles";

export interface FieldDef {
  name: string;
  type: InputType;
  values?: string[];
}

const OP_LABEL: Record<Operator, string> = {
  eq: "is",
  neq: "is not",
  in: "is one of",
  not_in: "is none of",
  gt: ">",
  gte: "≥",
  lt: "<",
  lte: "≤",
  between: "between",
  contains: "contains",
  starts_with: "starts with",
  ends_with: "ends with",
  exists: "is set",
  missing: "is missing",
  matches: "matches pattern",
};

type Group = { kind: "all" | "any"; items: Condition[] };

function asGroup(c: Condition | undefined): Group {
  if (!c) return { kind: "all", items: [] };
  if ("all" in c) return { kind: "all", items: c.all };
  if ("any" in c) return { kind: "any", items: c.any };
  return { kind: "all", items: [c] };
}

function fromGroup(g: Group): Condition | undefined {
  if (g.items.length === 0) return undefined;
  return g.kind === "all" ? { all: g.items } : { any: g.items };
}

function defaultValue(def: FieldDef | undefined, op: Operator): Predicate["value"] {
  if (op === "exists" || op === "missing") return undefined;
  if (op === "in" || op === "not_in") return def?.values?.length ? [def.values[0]!] : [];
  if (op === "between") return [0, 100];
  if (def?.type === "boolean") return true;
  if (def?.type === "number") return 0;
  if (def?.type === "enum") return def.values?.[0] ?? "";
  return "";
}

function ValueInput({
  p,
  def,
  lists,
  onChange,
}: {
  p: Predicate;
  def: FieldDef | undefined;
  lists: string[];
  onChange: (p: Predicate) => void;
}) {
  if (p.op === "exists" || p.op === "missing") return null;
  const canList = ["in", "not_in", "contains", "starts_with", "ends_with"].includes(p.op) && lists.length > 0 && def?.type !== "enum";
  if (p.list !== undefined) {
    return (
      <span className="flex items-center gap-1">
        <select aria-label="List" className={field} value={p.list} onChange={(e) => onChange({ ...p, list: e.target.value })}>
          {lists.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
        <button type="button" className={linkButton} onClick={() => onChange({ field: p.field, op: p.op, value: defaultValue(def, p.op) })}>
          values
        </button>
      </span>
    );
  }
  const listToggle = canList ? (
    <button type="button" className={linkButton} onClick={() => onChange({ field: p.field, op: p.op, list: lists[0]! })}>
      use a list
    </button>
  ) : null;
  if (p.op === "in" || p.op === "not_in") {
    const selected = Array.isArray(p.value) ? p.value.map(String) : [];
    if (def?.type === "enum") {
      return (
        <span className="flex flex-wrap gap-2">
          {(def.values ?? []).map((v) => (
            <label key={v} className="flex items-center gap-1 text-sm">
              <input
                type="checkbox"
                checked={selected.includes(v)}
                onChange={(e) => onChange({ ...p, value: e.target.checked ? [...selected, v] : selected.filter((x) => x !== v) })}
              />
              {v}
            </label>
          ))}
        </span>
      );
    }
    return (
      <span className="flex items-center gap-1">
        <CommaInput
          label="Values (comma separated)"
          values={selected}
          onChange={(parts) => onChange({ ...p, value: def?.type === "number" ? parts.map(Number) : parts })}
        />
        {listToggle}
      </span>
    );
  }
  if (p.op === "between") {
    const [lo, hi] = Array.isArray(p.value) ? p.value : [0, 0];
    const conv = (x: string) => (def?.type === "number" ? Number(x) : x);
    const type = def?.type === "date" ? "date" : "number";
    return (
      <span className="flex items-center gap-1">
        <input
          aria-label="From"
          type={type}
          className={`${field} w-28`}
          value={String(lo ?? "")}
          onChange={(e) => onChange({ ...p, value: [conv(e.target.value) as number, hi as number] })}
        />
        and
        <input
          aria-label="To"
          type={type}
          className={`${field} w-28`}
          value={String(hi ?? "")}
          onChange={(e) => onChange({ ...p, value: [lo as number, conv(e.target.value) as number] })}
        />
      </span>
    );
  }
  if (def?.type === "enum") {
    return (
      <select
        aria-label="Value"
        className={field}
        value={String(p.value ?? "")}
        onChange={(e) => onChange({ ...p, value: e.target.value })}
      >
        {(def.values ?? []).map((v) => (
          <option key={v}>{v}</option>
        ))}
      </select>
    );
  }
  if (def?.type === "boolean") {
    return (
      <select
        aria-label="Value"
        className={field}
        value={String(p.value)}
        onChange={(e) => onChange({ ...p, value: e.target.value === "true" })}
      >
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  if (def?.type === "number") {
    return (
      <input
        aria-label="Value"
        type="number"
        className={`${field} w-28`}
        value={String(p.value ?? "")}
        onChange={(e) => onChange({ ...p, value: e.target.value === "" ? 0 : Number(e.target.value) })}
      />
    );
  }
  if (def?.type === "date") {
    return (
      <input
        aria-label="Value"
        type="date"
        className={field}
        value={String(p.value ?? "")}
        onChange={(e) => onChange({ ...p, value: e.target.value })}
      />
    );
  }
  return (
    <span className="flex items-center gap-1">
      <input
        aria-label="Value"
        className={field}
        value={String(p.value ?? "")}
        onChange={(e) => onChange({ ...p, value: e.target.value })}
      />
      {listToggle}
    </span>
  );
}

function PredicateRow({
  p,
  fields,
  lists,
  onChange,
  onRemove,
}: {
  p: Predicate;
  fields: FieldDef[];
  lists: string[];
  onChange: (c: Condition) => void;
  onRemove: () => void;
}) {
  const def = fields.find((f) => f.name === p.field);
  const ops = [...(def ? OPS_BY_TYPE[def.type] : OPS_BY_TYPE.string)];
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="condition-row">
      <select
        aria-label="Field"
        className={field}
        value={p.field}
        onChange={(e) => {
          const next = fields.find((f) => f.name === e.target.value);
          const op = next && OPS_BY_TYPE[next.type].has(p.op) ? p.op : "eq";
          onChange({ field: e.target.value, op, value: defaultValue(next, op) });
        }}
      >
        {!def ? <option value={p.field}>{p.field} (not declared)</option> : null}
        {fields.map((f) => (
          <option key={f.name} value={f.name}>
            {f.name}
          </option>
        ))}
      </select>
      <select
        aria-label="Operator"
        className={field}
        value={p.op}
        onChange={(e) => onChange({ field: p.field, op: e.target.value as Operator, value: defaultValue(def, e.target.value as Operator) })}
      >
        {ops.map((o) => (
          <option key={o} value={o}>
            {OP_LABEL[o]}
          </option>
        ))}
      </select>
      <ValueInput p={p} def={def} lists={lists} onChange={onChange} />
      <button type="button" className={smallButton} onClick={onRemove} aria-label="Remove condition">
        ✕
      </button>
    </div>
  );
}

/** all / any groups over predicates of declared fields, operators by type, values by type. */
export function ConditionBuilder({
  value,
  onChange,
  fields,
  lists,
  depth = 0,
}: {
  value: Condition | undefined;
  onChange: (c: Condition | undefined) => void;
  fields: FieldDef[];
  lists: string[];
  depth?: number;
}) {
  const group = asGroup(value);
  const update = (items: Condition[], kind = group.kind) => onChange(fromGroup({ kind, items }));
  const first = fields[0];
  return (
    <div className={`space-y-2 ${depth > 0 ? "rounded-lg border border-dashed border-slate-300 p-3" : ""}`}>
      <div className="flex items-center gap-2 text-sm text-slate-600">
        Match
        <select
          aria-label="Match all or any"
          className={field}
          value={group.kind}
          onChange={(e) => update(group.items, e.target.value as "all" | "any")}
        >
          <option value="all">all of</option>
          <option value="any">any of</option>
        </select>
        these conditions{group.items.length === 0 && depth === 0 ? " (none: every record of these types)" : ""}
      </div>
      {group.items.map((c, i) => {
        const replace = (next: Condition | undefined) =>
          update(next === undefined ? group.items.filter((_, j) => j !== i) : group.items.map((x, j) => (j === i ? next : x)));
        if ("field" in c)
          return <PredicateRow key={i} p={c} fields={fields} lists={lists} onChange={replace} onRemove={() => replace(undefined)} />;
        if ("not" in c) {
          return (
            <div key={i} className="rounded-lg bg-slate-50 p-2">
              <div className="mb-1 flex items-center justify-between text-xs font-semibold uppercase text-slate-500">
                not
                <button type="button" className={linkButton} onClick={() => replace(c.not)}>
                  remove “not”
                </button>
              </div>
              <ConditionBuilder
                value={"field" in c.not ? { all: [c.not] } : c.not}
                onChange={(x) => replace(x ? { not: x } : undefined)}
                fields={fields}
                lists={lists}
                depth={depth + 1}
              />
            </div>
          );
        }
        return <ConditionBuilder key={i} value={c} onChange={replace} fields={fields} lists={lists} depth={depth + 1} />;
      })}
      <div className="flex gap-3">
        <button
          type="button"
          className={linkButton}
          disabled={!first}
          onClick={() => first && update([...group.items, { field: first.name, op: "eq", value: defaultValue(first, "eq") }])}
        >
          + condition
        </button>
        {depth < 2 ? (
          <>
            <button
              type="button"
              className={linkButton}
              disabled={!first}
              onClick={() =>
                first && update([...group.items, { any: [{ field: first.name, op: "eq", value: defaultValue(first, "eq") }] }])
              }
            >
              + group
            </button>
            <button
              type="button"
              className={linkButton}
              disabled={!first}
              onClick={() => first && update([...group.items, { not: { field: first.name, op: "eq", value: defaultValue(first, "eq") } }])}
            >
              + not
            </button>
          </>
        ) : null}
      </div>
    </div>
  );
}
