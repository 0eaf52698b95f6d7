"use client";

import { INTENTS, RELATIONSHIPS, type Action, type ObjectType, type Relationship, type Rule } from "@/lib/engine/policy-schema";
import { ConditionBuilder, type FieldDef } from "./condition-builder";
import { field } from "./styles";

export interface Vocabulary {
  fields: FieldDef[];
  lists: string[];
  queues: string[];
  members: string[];
  objectTypes: ObjectType[];
}

function Labeled({ label, children, wide }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <label className={`flex flex-col gap-1 text-xs font-medium text-slate-600 ${wide ? "md:col-span-2" : ""}`}>
      {label}
      {children}
    </label>
  );
}

function ActionPicker({ action, onChange, v }: { action: Action; onChange: (a: Action) => void; v: Vocabulary }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <select
        aria-label="Action"
        className={field}
        value={action.type}
        onChange={(e) => {
          const t = e.target.value as Action["type"];
          onChange(
            t === "queue"
              ? { type: "queue", queue: v.queues[0] ?? "" }
              : t === "assign_member"
                ? { type: "assign_member", member: v.members[0] ?? "" }
                : { type: "assign_relationship", relationship: "account_owner" },
          );
        }}
      >
        <option value="queue">send to a queue</option>
        <option value="assign_relationship">assign to a relationship</option>
        <option value="assign_member">assign to a person</option>
      </select>
      {action.type === "queue" ? (
        <select
          aria-label="Queue"
          className={field}
          value={action.queue}
          onChange={(e) => onChange({ type: "queue", queue: e.target.value })}
        >
          {v.queues.map((q) => (
            <option key={q}>{q}</option>
          ))}
        </select>
      ) : null}
      {action.type === "assign_member" ? (
        <>
          <input
            aria-label="Member"
            list="policy-members"
            className={field}
            value={action.member}
            onChange={(e) => onChange({ type: "assign_member", member: e.target.value })}
          />
          <datalist id="policy-members">
            {v.members.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </>
      ) : null}
      {action.type === "assign_relationship" ? (
        <>
          <select
            aria-label="Relationship"
            className={field}
            value={action.relationship}
            onChange={(e) => onChange({ ...action, relationship: e.target.value as Relationship })}
          >
            {RELATIONSHIPS.map((r) => (
              <option key={r} value={r}>
                {r.replace(/_/g, " ")}
              </option>
            ))}
          </select>
          <span className="text-xs text-slate-500">when away →</span>
          <select
            aria-label="When unavailable"
            className={field}
            value={action.ifUnavailable ?? ""}
            onChange={(e) => onChange({ ...action, ifUnavailable: e.target.value || undefined })}
          >
            <option value="">assign anyway</option>
            {v.queues.map((q) => (
              <option key={q} value={q}>
                queue {q}
              </option>
            ))}
          </select>
        </>
      ) : null}
    </div>
  );
}

/** One rule: what it is for, which records, when, where they go, how fast. */
export function RuleForm({ rule, onChange, v }: { rule: Rule; onChange: (r: Rule) => void; v: Vocabulary }) {
  const custom = rule.intent?.startsWith("custom:");
  return (
    <div className="grid grid-cols-1 gap-3 md:grid-cols-2" data-testid="rule-form">
      <Labeled label="Name">
        <input aria-label="Rule name" className={field} value={rule.name} onChange={(e) => onChange({ ...rule, name: e.target.value })} />
      </Labeled>
      <Labeled label="Key (stable; decisions and tests refer to it)">
        <input aria-label="Rule key" className={field} value={rule.key} onChange={(e) => onChange({ ...rule, key: e.target.value })} />
      </Labeled>
      <Labeled label="Operating intent">
        <select
          aria-label="Intent"
          className={field}
          value={custom ? "custom" : (rule.intent ?? "")}
          onChange={(e) =>
            onChange({
              ...rule,
              intent: e.target.value === "" ? undefined : e.target.value === "custom" ? "custom:my_intent" : e.target.value,
            })
          }
        >
          <option value="">— choose —</option>
          {INTENTS.map((i) => (
            <option key={i} value={i}>
              {i.replace(/_/g, " ")}
            </option>
          ))}
          <option value="custom">custom…</option>
        </select>
        {custom ? (
          <input
            aria-label="Custom intent"
            className={field}
            value={rule.intent}
            onChange={(e) => onChange({ ...rule, intent: e.target.value })}
          />
        ) : null}
      </Labeled>
      <Labeled label="SLA (time to first touch: 15m, 4h, 2d)">
        <input
          aria-label="SLA"
          className={field}
          value={rule.sla === undefined ? "" : String(rule.sla)}
          onChange={(e) => onChange({ ...rule, sla: e.target.value.trim() === "" ? undefined : e.target.value.trim() })}
        />
      </Labeled>
      <Labeled label="Description" wide>
        <input
          aria-label="Rule description"
          className={field}
          value={rule.description}
          onChange={(e) => onChange({ ...rule, description: e.target.value })}
        />
      </Labeled>
      <div className="md:col-span-2">
        <div className="text-xs font-medium text-slate-600">Applies to</div>
        <div className="mt-1 flex flex-wrap gap-3">
          {v.objectTypes.map((t) => (
            <label key={t} className="flex items-center gap-1 text-sm">
              <input
                type="checkbox"
                checked={rule.appliesTo.includes(t)}
                onChange={(e) =>
                  onChange({ ...rule, appliesTo: e.target.checked ? [...rule.appliesTo, t] : rule.appliesTo.filter((x) => x !== t) })
                }
              />
              {t}
            </label>
          ))}
        </div>
      </div>
      <div className="md:col-span-2">
        <div className="mb-1 text-xs font-medium text-slate-600">When</div>
        <ConditionBuilder value={rule.when} onChange={(when) => onChange({ ...rule, when })} fields={v.fields} lists={v.lists} />
      </div>
      <div className="md:col-span-2">
        <div className="mb-1 text-xs font-medium text-slate-600">Then</div>
        <ActionPicker action={rule.action} onChange={(action) => onChange({ ...rule, action })} v={v} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={rule.enabled} onChange={(e) => onChange({ ...rule, enabled: e.target.checked })} /> Enabled
      </label>
    </div>
  );
}
