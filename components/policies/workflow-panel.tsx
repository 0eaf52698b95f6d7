"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  cancelScheduleAction,
  publishAction,
  reviewAction,
  rollbackAction,
  scheduleAction,
  submitAction,
  withdrawAction,
} from "@/app/(console)/policies/actions";
import { submitInput } from "@/lib/schemas/policies";
import type { ActionResult } from "@/lib/server/auth/with-permission";

export interface WorkflowProps {
  versionId: string;
  number: number;
  status: string;
  isLive: boolean;
  isAuthor: boolean;
  can: { author: boolean; review: boolean; publish: boolean; admin: boolean };
  suiteFailed: number;
  suitePassed: number;
  /** ISO time of a scheduled publish, if any. */
  publishAt: string | null;
  /** The last impact preview of this version against live, when one finished. */
  impact: { changed: number; total: number; against: number; stale: boolean } | null;
  /** On the live version: the version live before it (what "Roll back" restores). */
  previous: { id: string; number: number } | null;
  /** The policy's setting: a rollback is submitted for review instead of going live at once. */
  rollbackThroughReview: boolean;
}

const field =
  "block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100";
const primary = "rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60";
const secondary =
  "rounded-lg border border-slate-300 bg-white px-3.5 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-50 disabled:opacity-60";

function useRun() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = <T,>(call: () => Promise<ActionResult<T>>, then?: (data: T) => void) =>
    start(async () => {
      setError(null);
      const r = await call();
      if (!r.ok) {
        setError(r.error.fieldErrors ? (Object.values(r.error.fieldErrors).flat()[0] ?? r.error.message) : r.error.message);
        return;
      }
      if (then) then(r.data);
      else router.refresh();
    });
  return { pending, error, run, router };
}

export function WorkflowPanel(p: WorkflowProps) {
  const { pending, error, run, router } = useRun();
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const [comment, setComment] = useState("");
  const [reason, setReason] = useState("");
  const [when, setWhen] = useState("");
  const [confirming, setConfirming] = useState(false);

  /** Roll back to `target`: an emergency step published at once, or (policy setting) a version submitted for review. */
  const rollback = (target: { id: string; number: number }) => (
    <div key="rollback" className="space-y-2">
      <label htmlFor="rollback-reason" className="block text-sm font-medium text-slate-700">
        Roll back to v{target.number}: why?
      </label>
      <textarea
        id="rollback-reason"
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        className={field}
        placeholder="e.g. the new territory rule stranded APAC accounts"
      />
      <p className="text-xs text-slate-500">
        {p.rollbackThroughReview
          ? `Rollbacks go through review here: v${target.number}'s rules become a new version submitted for review; another approver approves it, then it is published.`
          : `An emergency step: v${target.number}'s rules go live at once as a new version, without review; the audit log and the changelog say so.`}
      </p>
      <button
        type="button"
        disabled={pending}
        className={secondary}
        onClick={() =>
          run(
            () => rollbackAction({ versionId: target.id, reason }),
            (d) => router.push(`/policies/versions/${d.versionId}`),
          )
        }
      >
        {p.rollbackThroughReview ? `Submit a rollback to v${target.number} for review` : `Roll back to v${target.number}`}
      </button>
    </div>
  );

  const steps: React.ReactNode[] = [];
  if ((p.status === "DRAFT" || p.status === "CHANGES_REQUESTED") && p.can.author) {
    steps.push(
      <form
        key="submit"
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          const check = submitInput.shape.changeNote.safeParse(note);
          if (!check.success) return setNoteError(check.error.issues[0]?.message ?? "Write a change note.");
          run(() => submitAction({ versionId: p.versionId, changeNote: note }));
        }}
      >
        <label htmlFor="change-note" className="block text-sm font-medium text-slate-700">
          Change note for the field
        </label>
        <textarea
          id="change-note"
          rows={4}
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
            if (noteError) setNoteError(null);
          }}
          onBlur={() => {
            const check = submitInput.shape.changeNote.safeParse(note);
            setNoteError(check.success ? null : (check.error.issues[0]?.message ?? null));
          }}
          aria-invalid={Boolean(noteError)}
          placeholder="What changes, and why — in words a rep understands."
          className={field}
        />
        {noteError ? <p className="text-sm text-rose-600">{noteError}</p> : null}
        <button type="submit" disabled={pending} className={primary}>
          Submit for review
        </button>
      </form>,
    );
  }
  if (p.status === "SUBMITTED" && p.can.review) {
    steps.push(
      p.isAuthor ? (
        <p key="self" className="text-sm text-slate-600">
          You wrote this version, so another approver must review it.
        </p>
      ) : (
        <div key="review" className="space-y-2">
          <label htmlFor="review-comment" className="block text-sm font-medium text-slate-700">
            Review comment
          </label>
          <textarea
            id="review-comment"
            rows={3}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            className={field}
            placeholder="Optional when approving; required when asking for changes."
          />
          <div className="flex gap-2">
            <button
              type="button"
              disabled={pending}
              className={primary}
              onClick={() => run(() => reviewAction({ versionId: p.versionId, decision: "approve", comment }))}
            >
              Approve
            </button>
            <button
              type="button"
              disabled={pending}
              className={secondary}
              onClick={() => run(() => reviewAction({ versionId: p.versionId, decision: "request_changes", comment }))}
            >
              Request changes
            </button>
          </div>
        </div>
      ),
    );
  }
  if (p.status === "APPROVED" && p.can.publish) {
    steps.push(
      <div key="publish" className="space-y-2">
        {p.suiteFailed > 0 ? (
          p.can.admin ? (
            <>
              <p className="text-sm text-amber-800">
                {p.suiteFailed} test case{p.suiteFailed === 1 ? "" : "s"} fail on this version. As an admin you may publish anyway with a
                reason; it is recorded and shown on the version.
              </p>
              <label htmlFor="override-reason" className="block text-sm font-medium text-slate-700">
                Reason to publish with failures
              </label>
              <textarea id="override-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} className={field} />
            </>
          ) : (
            <p className="text-sm text-amber-800">
              {p.suiteFailed} test case{p.suiteFailed === 1 ? "" : "s"} fail on this version: it cannot be published until they pass.
            </p>
          )
        ) : (
          <p className="text-sm text-emerald-700">Every test case passes on this version.</p>
        )}
        {confirming ? (
          <div
            role="alertdialog"
            aria-label={`Publish v${p.number}?`}
            className="space-y-2 rounded-lg border border-brand-100 bg-brand-50/60 p-3 text-sm"
            data-testid="publish-confirm"
          >
            <p className="font-medium text-slate-900">Publish v{p.number} now?</p>
            <ul className="list-disc space-y-0.5 pl-5 text-slate-700">
              <li>
                Test suite: {p.suitePassed} passed, {p.suiteFailed} failed{p.suiteFailed > 0 ? ` — published anyway with your reason` : ""}.
              </li>
              <li>
                {p.impact
                  ? `Impact preview: ${p.impact.changed.toLocaleString("en-US")} of ${p.impact.total.toLocaleString("en-US")} accounts would route differently than on v${p.impact.against}${p.impact.stale ? " — run before the version was submitted, so it may not match the final rules" : ""}.`
                  : "No impact preview was run on this version: you will not know in advance what moves."}
              </li>
              <li>
                When: at once — every record routed from now on uses v{p.number}
                {p.publishAt ? " (the scheduled publish then has nothing left to do)" : ""}.
              </li>
            </ul>
            <div className="flex gap-2">
              <button
                type="button"
                disabled={pending}
                className={primary}
                onClick={() => run(() => publishAction({ versionId: p.versionId, overrideReason: reason || undefined }))}
              >
                {pending ? "Publishing…" : `Confirm: publish v${p.number}`}
              </button>
              <button type="button" disabled={pending} className={secondary} onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <button
            type="button"
            disabled={pending || (p.suiteFailed > 0 && !p.can.admin)}
            className={primary}
            onClick={() => setConfirming(true)}
          >
            Publish v{p.number}
          </button>
        )}
        <div className="border-t border-slate-100 pt-3">
          {p.publishAt ? (
            <div className="flex items-center justify-between gap-2 text-sm">
              <span data-testid="scheduled-for">
                Goes live {new Date(p.publishAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })}, with the same
                checks.
              </span>
              <button
                type="button"
                disabled={pending}
                className={secondary}
                onClick={() => run(() => cancelScheduleAction({ versionId: p.versionId }))}
              >
                Cancel
              </button>
            </div>
          ) : (
            <div className="space-y-2">
              <label htmlFor="publish-at" className="block text-sm font-medium text-slate-700">
                Or publish at (your time zone)
              </label>
              <div className="flex gap-2">
                <input id="publish-at" type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} className={field} />
                <button
                  type="button"
                  disabled={pending || !when}
                  className={secondary}
                  onClick={() => run(() => scheduleAction({ versionId: p.versionId, publishAt: new Date(when).toISOString() }))}
                >
                  Schedule
                </button>
              </div>
            </div>
          )}
        </div>
      </div>,
    );
  }
  if ((p.status === "SUPERSEDED" || (p.status === "PUBLISHED" && !p.isLive)) && p.can.publish)
    steps.push(rollback({ id: p.versionId, number: p.number }));
  if (p.isLive && p.previous && p.can.publish) steps.push(rollback(p.previous));
  if ((p.status === "SUBMITTED" || p.status === "APPROVED") && p.can.author && (p.isAuthor || p.can.admin)) {
    steps.push(
      <div key="withdraw" className="border-t border-slate-100 pt-3">
        <button
          type="button"
          disabled={pending}
          className={secondary}
          onClick={() => run(() => withdrawAction({ versionId: p.versionId }))}
        >
          Withdraw v{p.number} (back to draft)
        </button>
        <p className="mt-1 text-xs text-slate-500">Its review starts over{p.publishAt ? "; the scheduled publish is cancelled" : ""}.</p>
      </div>,
    );
  }
  if (steps.length === 0) return null;
  return (
    <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-label="Next step">
      <h2 className="text-sm font-semibold text-slate-900">Next step</h2>
      {steps}
      {error ? (
        <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {error}
        </p>
      ) : null}
    </section>
  );
}
