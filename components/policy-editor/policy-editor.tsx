"use client";

import { useMemo, useState } from "react";
import { saveDocumentAction } from "@/app/(console)/policies/actions";
import { SAVE_LABELS, useDraftSaver } from "@/components/policies/use-draft-saver";
import { Badge } from "@/components/ui/badge";
import { compileValidated } from "@/lib/engine/compile";
import { lintPolicy } from "@/lib/engine/lint";
import { actionText, conditionText } from "@/lib/engine/policy-diff";
import { DISTRIBUTIONS, INPUT_TYPES, type PolicyDocument, type Queue, type Rule, type Suppression } from "@/lib/engine/policy-schema";
import type { Problem } from "@/lib/engine/problems";
import { formatDiff, runSuite, type TestSuite } from "@/lib/engine/test-suite";
import { validatePolicy } from "@/lib/engine/validate-policy";
import { CommaInput } from "./comma-input";
import { ConditionBuilder } from "./condition-builder";
import { RuleForm, type Vocabulary } from "./rule-form";
import { field, linkButton, smallButton } from "./styles";

type Section = "rules" | "suppressions" | "queues" | "inputs" | "lists";

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

function uniqueKey(base: string, taken: string[]): string {
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}-${n}`;
  return key;
}

function Findings({ items }: { items: Problem[] }) {
  if (!items.length) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs">
      {items.map((p, i) => (
        <li key={i} className={p.severity === "error" ? "text-rose-700" : "text-amber-700"}>
          {p.severity === "error" ? "✗" : "!"} {p.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * The draft in forms: ordered rules with a condition builder, suppressions, queues, inputs and
 * lists — validated, linted and run against the test suite as you edit, saved automatically
 * with a version check.
 */
export function PolicyEditor({
  versionId,
  initialDocument,
  initialRevision,
  suite,
  members,
}: {
  versionId: string;
  initialDocument: PolicyDocument;
  initialRevision: number;
  suite: TestSuite;
  members: string[];
}) {
  const [doc, setDoc] = useState<PolicyDocument>(initialDocument);
  const [section, setSection] = useState<Section>("rules");
  const [open, setOpen] = useState<number | null>(null);
  /** The last deleted rule or suppression, so one click puts it back where it was. */
  const [deleted, setDeleted] = useState<
    { kind: "rules"; item: Rule; index: number } | { kind: "suppressions"; item: Suppression; index: number } | null
  >(null);
  const { revision, state, message, markDirty } = useDraftSaver({
    value: doc,
    initialRevision,
    delayMs: 1500,
    save: async (document, rev) => saveDocumentAction({ versionId, document, revision: rev }),
  });

  const edit = (next: PolicyDocument) => {
    setDoc(next);
    markDirty();
  };

  const check = useMemo(() => {
    const validation = validatePolicy(doc);
    const problems = validation.ok ? lintPolicy(doc) : validation.problems;
    const result = validation.ok ? runSuite(compileValidated(validation.policy), suite) : null;
    return { valid: validation.ok, problems, result };
  }, [doc, suite]);
  const at = (prefix: Array<string | number>) => check.problems.filter((p) => prefix.every((x, i) => p.path[i] === x));

  const v: Vocabulary = {
    fields: [
      ...doc.inputs.map((i) => ({ name: i.name, type: i.type, values: i.values })),
      { name: "account.is_duplicate", type: "boolean" as const },
      { name: "account.matched_by", type: "string" as const },
      { name: "account.rolled_up_from_workspace", type: "boolean" as const },
    ],
    lists: Object.keys(doc.lists),
    queues: doc.queues.map((q) => q.key),
    members,
    objectTypes: doc.objectTypes,
  };
  const setRules = (rules: Rule[]) => edit({ ...doc, rules });
  const setSuppressions = (suppressions: Suppression[]) => edit({ ...doc, suppressions });
  const setQueues = (queues: Queue[]) => edit({ ...doc, queues });
  const deleteRule = (i: number) => {
    setDeleted({ kind: "rules", item: doc.rules[i]!, index: i });
    setOpen(null);
    setRules(doc.rules.filter((_, j) => j !== i));
  };
  const deleteSuppression = (i: number) => {
    setDeleted({ kind: "suppressions", item: doc.suppressions[i]!, index: i });
    setSuppressions(doc.suppressions.filter((_, j) => j !== i));
  };
  const undoDelete = () => {
    if (!deleted) return;
    if (deleted.kind === "rules") setRules([...doc.rules.slice(0, deleted.index), deleted.item, ...doc.rules.slice(deleted.index)]);
    else setSuppressions([...doc.suppressions.slice(0, deleted.index), deleted.item, ...doc.suppressions.slice(deleted.index)]);
    setDeleted(null);
  };
  const tab = (s: Section, label: string, count: number) => (
    <button
      key={s}
      type="button"
      onClick={() => setSection(s)}
      aria-pressed={section === s}
      className={`rounded-lg px-3 py-1.5 text-sm font-medium ${section === s ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100"}`}
    >
      {label} <span className="opacity-60">{count}</span>
    </button>
  );
  const saveLabel = SAVE_LABELS;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap gap-1">
          {tab("rules", "Rules", doc.rules.length)}
          {tab("suppressions", "Suppressions", doc.suppressions.length)}
          {tab("queues", "Queues", doc.queues.length)}
          {tab("inputs", "Inputs", doc.inputs.length)}
          {tab("lists", "Lists", Object.keys(doc.lists).length)}
        </div>
        <span
          data-testid="save-state"
          className={`text-sm ${state === "saved" ? "text-emerald-700" : state === "conflict" || state === "error" ? "text-rose-600" : "text-slate-500"}`}
        >
          {saveLabel[state]} · revision {revision}
        </span>
      </div>
      {message ? (
        <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {message}{" "}
          {state === "conflict" ? (
            <button type="button" className={linkButton} onClick={() => window.location.reload()}>
              Reload
            </button>
          ) : null}
        </p>
      ) : null}
      <div
        data-testid="live-suite"
        className={`rounded-lg border px-3 py-2 text-sm ${!check.result ? "border-amber-200 bg-amber-50" : check.result.failed ? "border-rose-200 bg-rose-50" : "border-emerald-200 bg-emerald-50"}`}
      >
        {check.result ? (
          <>
            <span className="font-medium">
              Test suite on this draft: {check.result.passed} passed · {check.result.failed} failed
            </span>
            {check.result.results
              .filter((r) => !r.passed)
              .map((r) => (
                <div key={r.id} className="mt-1 text-rose-800">
                  ✗ {r.name} — {r.diffs.map(formatDiff).join("; ")}
                </div>
              ))}
          </>
        ) : (
          <span className="text-amber-800">
            The draft has problems (shown beside what they concern); the suite runs once they are fixed.
          </span>
        )}
      </div>

      {deleted ? (
        <div
          role="status"
          data-testid="deleted-undo"
          className="sticky top-2 z-10 flex items-center justify-between gap-3 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <span>
            Deleted {deleted.kind === "rules" ? "rule" : "suppression"} <strong>{deleted.item.name}</strong> ({deleted.item.key}); the draft
            is saved without it.
          </span>
          <span className="flex gap-2">
            <button type="button" className={smallButton} onClick={undoDelete}>
              Undo
            </button>
            <button type="button" className={smallButton} aria-label="Dismiss" onClick={() => setDeleted(null)}>
              ✕
            </button>
          </span>
        </div>
      ) : null}
      {section === "rules" ? (
        <ol className="space-y-2" data-testid="rules-list">
          {doc.rules.map((rule, i) => (
            <li key={i} className="rounded-xl border border-slate-200 bg-white p-3 shadow-sm">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="text-xs tabular-nums text-slate-400">{i + 1}</span>
                    <span className="font-medium text-slate-900">{rule.name}</span>
                    {rule.intent ? <Badge tone="violet">{rule.intent}</Badge> : <Badge tone="amber">no intent</Badge>}
                    {!rule.enabled ? <Badge>disabled</Badge> : null}
                    {rule.sla !== undefined ? <Badge>SLA {String(rule.sla)}</Badge> : null}
                  </div>
                  <div className="mt-0.5 text-xs text-slate-500">
                    {rule.appliesTo.join(", ")} · when {conditionText(rule.when)} → {actionText(rule.action)}
                  </div>
                  <Findings items={at(["rules", i])} />
                </div>
                <div className="flex shrink-0 gap-1">
                  <button
                    type="button"
                    className={smallButton}
                    aria-label={`Move ${rule.key} up`}
                    disabled={i === 0}
                    onClick={() => setRules(move(doc.rules, i, i - 1))}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className={smallButton}
                    aria-label={`Move ${rule.key} down`}
                    disabled={i === doc.rules.length - 1}
                    onClick={() => setRules(move(doc.rules, i, i + 1))}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className={smallButton}
                    onClick={() => setOpen(open === i ? null : i)}
                    aria-expanded={open === i}
                    aria-label={`Edit ${rule.key}`}
                  >
                    {open === i ? "Close" : "Edit"}
                  </button>
                  <button type="button" className={smallButton} aria-label={`Delete ${rule.key}`} onClick={() => deleteRule(i)}>
                    Delete
                  </button>
                </div>
              </div>
              {open === i ? (
                <div className="mt-3 border-t border-slate-100 pt-3">
                  <RuleForm rule={rule} v={v} onChange={(r) => setRules(doc.rules.map((x, j) => (j === i ? r : x)))} />
                </div>
              ) : null}
            </li>
          ))}
          <li>
            <button
              type="button"
              className="rounded-lg border border-dashed border-slate-300 px-3 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50"
              onClick={() => {
                const key = uniqueKey(
                  "new-rule",
                  doc.rules.map((r) => r.key),
                );
                setRules([
                  ...doc.rules,
                  {
                    key,
                    name: "New rule",
                    description: "",
                    appliesTo: [doc.objectTypes[0]!],
                    action: { type: "queue", queue: doc.fallback.queue },
                    enabled: true,
                  },
                ]);
                setOpen(doc.rules.length);
              }}
            >
              + Add rule
            </button>
          </li>
        </ol>
      ) : null}

      {section === "suppressions" ? (
        <ol className="space-y-2">
          {doc.suppressions.map((s, i) => {
            const set = (next: Suppression) => setSuppressions(doc.suppressions.map((x, j) => (j === i ? next : x)));
            return (
              <li key={i} className="space-y-2 rounded-xl border border-slate-200 bg-white p-3 shadow-sm">
                <div className="grid grid-cols-1 gap-2 md:grid-cols-3">
                  <input
                    aria-label="Suppression name"
                    className={field}
                    value={s.name}
                    onChange={(e) => set({ ...s, name: e.target.value })}
                  />
                  <input
                    aria-label="Suppression key"
                    className={field}
                    value={s.key}
                    onChange={(e) => set({ ...s, key: e.target.value })}
                  />
                  <div className="flex justify-end gap-1">
                    <button
                      type="button"
                      className={smallButton}
                      disabled={i === 0}
                      onClick={() => setSuppressions(move(doc.suppressions, i, i - 1))}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className={smallButton}
                      disabled={i === doc.suppressions.length - 1}
                      onClick={() => setSuppressions(move(doc.suppressions, i, i + 1))}
                    >
                      ↓
                    </button>
                    <button type="button" className={smallButton} aria-label={`Delete ${s.key}`} onClick={() => deleteSuppression(i)}>
                      Delete
                    </button>
                  </div>
                  <input
                    aria-label="Reason"
                    className={`${field} md:col-span-3`}
                    value={s.reason}
                    onChange={(e) => set({ ...s, reason: e.target.value })}
                    placeholder="Why these records are not routed"
                  />
                </div>
                <div className="flex flex-wrap gap-3 text-sm">
                  {doc.objectTypes.map((t) => (
                    <label key={t} className="flex items-center gap-1">
                      <input
                        type="checkbox"
                        checked={s.appliesTo.includes(t)}
                        onChange={(e) =>
                          set({ ...s, appliesTo: e.target.checked ? [...s.appliesTo, t] : s.appliesTo.filter((x) => x !== t) })
                        }
                      />
                      {t}
                    </label>
                  ))}
                </div>
                <ConditionBuilder value={s.when} onChange={(when) => set({ ...s, when })} fields={v.fields} lists={v.lists} />
                <Findings items={at(["suppressions", i])} />
              </li>
            );
          })}
          <li>
            <button
              type="button"
              className="rounded-lg border border-dashed border-slate-300 px-3 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50"
              onClick={() =>
                setSuppressions([
                  ...doc.suppressions,
                  {
                    key: uniqueKey(
                      "new-suppression",
                      doc.suppressions.map((x) => x.key),
                    ),
                    name: "New suppression",
                    reason: "Say why",
                    appliesTo: [doc.objectTypes[0]!],
                    enabled: true,
                    when: undefined,
                  },
                ])
              }
            >
              + Add suppression
            </button>
          </li>
        </ol>
      ) : null}

      {section === "queues" ? (
        <div className="space-y-2">
          {doc.queues.map((q, i) => {
            const set = (next: Queue) => setQueues(doc.queues.map((x, j) => (j === i ? next : x)));
            return (
              <div key={i} className="space-y-2 rounded-xl border border-slate-200 bg-white p-3 shadow-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <input aria-label="Queue name" className={field} value={q.name} onChange={(e) => set({ ...q, name: e.target.value })} />
                  <span className="font-mono text-xs text-slate-500">{q.key}</span>
                  <select
                    aria-label="Distribution"
                    className={field}
                    value={q.distribution}
                    onChange={(e) => set({ ...q, distribution: e.target.value as Queue["distribution"] })}
                  >
                    {DISTRIBUTIONS.map((d) => (
                      <option key={d} value={d}>
                        {d.replace(/_/g, " ")}
                      </option>
                    ))}
                  </select>
                  <select
                    aria-label="Caps count"
                    title="What a member's cap counts: all their open work, or only what this queue gave them"
                    className={field}
                    value={q.capCounts ?? "total"}
                    onChange={(e) => set({ ...q, capCounts: e.target.value === "queue" ? "queue" : undefined })}
                  >
                    <option value="total">caps count all open work</option>
                    <option value="queue">caps count this queue&apos;s work</option>
                  </select>
                  <select
                    aria-label="Overflow"
                    className={field}
                    value={q.overflow ?? ""}
                    onChange={(e) => set({ ...q, overflow: e.target.value || undefined })}
                  >
                    <option value="">no overflow</option>
                    {doc.queues
                      .filter((x) => x.key !== q.key)
                      .map((x) => (
                        <option key={x.key} value={x.key}>
                          overflow → {x.key}
                        </option>
                      ))}
                  </select>
                </div>
                <table className="text-sm">
                  {q.members.length ? (
                    <thead className="text-left text-xs text-slate-500">
                      <tr>
                        <th className="pr-2 font-normal">Member</th>
                        <th className="pr-2 font-normal" title="0: in the pool, receives none">
                          Weight
                        </th>
                        <th className="pr-2 font-normal">Cap ({q.capCounts === "queue" ? "this queue's open work" : "all open work"})</th>
                        <th />
                      </tr>
                    </thead>
                  ) : null}
                  <tbody>
                    {q.members.map((m, j) => (
                      <tr key={j}>
                        <td className="pr-2">
                          <input
                            aria-label="Member"
                            list="queue-members"
                            className={field}
                            value={m.member}
                            onChange={(e) =>
                              set({ ...q, members: q.members.map((x, k) => (k === j ? { ...x, member: e.target.value } : x)) })
                            }
                          />
                        </td>
                        <td className="pr-2">
                          <input
                            aria-label="Weight"
                            type="number"
                            min={0}
                            className={`${field} w-20`}
                            value={m.weight}
                            onChange={(e) =>
                              set({ ...q, members: q.members.map((x, k) => (k === j ? { ...x, weight: Number(e.target.value) } : x)) })
                            }
                          />
                        </td>
                        <td className="pr-2">
                          <input
                            aria-label="Cap"
                            type="number"
                            min={0}
                            placeholder="cap"
                            className={`${field} w-20`}
                            value={m.cap ?? ""}
                            onChange={(e) =>
                              set({
                                ...q,
                                members: q.members.map((x, k) =>
                                  k === j ? { ...x, cap: e.target.value === "" ? undefined : Number(e.target.value) } : x,
                                ),
                              })
                            }
                          />
                        </td>
                        <td>
                          <button
                            type="button"
                            className={smallButton}
                            onClick={() => set({ ...q, members: q.members.filter((_, k) => k !== j) })}
                          >
                            ✕
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <button
                  type="button"
                  className={linkButton}
                  onClick={() => set({ ...q, members: [...q.members, { member: members[0] ?? "", weight: 1 }] })}
                >
                  + member
                </button>
                <Findings items={at(["queues", i])} />
              </div>
            );
          })}
          <datalist id="queue-members">
            {members.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </div>
      ) : null}

      {section === "inputs" ? (
        <table className="w-full text-sm">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1">Field</th>
              <th>Type</th>
              <th>Required</th>
              <th>Allowed values</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {doc.inputs.map((inp, i) => {
              const set = (patch: Partial<(typeof doc.inputs)[number]>) =>
                edit({ ...doc, inputs: doc.inputs.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
              return (
                <tr key={i} className="align-top">
                  <td className="py-1 pr-2">
                    <input
                      aria-label="Input name"
                      className={`${field} w-full`}
                      value={inp.name}
                      onChange={(e) => set({ name: e.target.value })}
                    />
                    <Findings items={at(["inputs", i])} />
                  </td>
                  <td className="pr-2">
                    <select
                      aria-label="Input type"
                      className={field}
                      value={inp.type}
                      onChange={(e) => set({ type: e.target.value as (typeof INPUT_TYPES)[number] })}
                    >
                      {INPUT_TYPES.map((t) => (
                        <option key={t}>{t}</option>
                      ))}
                    </select>
                  </td>
                  <td className="pr-2 text-center">
                    <input
                      type="checkbox"
                      aria-label="Required"
                      checked={inp.required}
                      onChange={(e) => set({ required: e.target.checked })}
                    />
                  </td>
                  <td className="pr-2">
                    {inp.type === "enum" ? (
                      <CommaInput
                        label="Allowed values"
                        className="w-full"
                        values={inp.values ?? []}
                        onChange={(values) => set({ values })}
                      />
                    ) : null}
                  </td>
                  <td>
                    <button
                      type="button"
                      className={smallButton}
                      onClick={() => edit({ ...doc, inputs: doc.inputs.filter((_, j) => j !== i) })}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
            <tr>
              <td colSpan={5} className="pt-2">
                <button
                  type="button"
                  className={linkButton}
                  onClick={() =>
                    edit({
                      ...doc,
                      inputs: [
                        ...doc.inputs,
                        {
                          name: uniqueKey(
                            "new_field",
                            doc.inputs.map((x) => x.name),
                          ).replace(/-/g, "_"),
                          type: "string",
                          required: false,
                          description: "",
                        },
                      ],
                    })
                  }
                >
                  + input
                </button>
              </td>
            </tr>
          </tbody>
        </table>
      ) : null}

      {section === "lists" ? (
        <div className="space-y-3">
          {Object.entries(doc.lists).map(([name, values]) => (
            <div key={name}>
              <label htmlFor={`list-${name}`} className="text-sm font-medium text-slate-700">
                {name} <span className="font-normal text-slate-400">(one value per line)</span>
              </label>
              <textarea
                id={`list-${name}`}
                rows={4}
                className={`${field} block w-full font-mono text-xs`}
                value={values.join("\n")}
                onChange={(e) => edit({ ...doc, lists: { ...doc.lists, [name]: e.target.value.split("\n").map((x) => x.trim()) } })}
              />
            </div>
          ))}
        </div>
      ) : null}

      {!check.valid ? (
        <Findings items={check.problems.filter((p) => !["rules", "suppressions", "queues", "inputs"].includes(String(p.path[0])))} />
      ) : null}
    </div>
  );
}
