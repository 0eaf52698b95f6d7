"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/server/auth/with-permission";

export type SaveState = "saved" | "dirty" | "saving" | "conflict" | "error";

export const SAVE_LABELS: Record<SaveState, string> = {
  saved: "All changes saved",
  dirty: "Unsaved changes",
  saving: "Saving…",
  conflict: "Not saved: conflict",
  error: "Not saved",
};

/**
 * Autosave for a draft editor (form or YAML): `markDirty` after each edit; `delayMs` after the
 * last one the value is saved with the revision the editor holds. A stale revision comes back
 * as a conflict and autosave stops until the page is reloaded — nothing is overwritten silently.
 */
export function useDraftSaver<T>({
  value,
  initialRevision,
  delayMs,
  canSave = () => true,
  save,
}: {
  value: T;
  initialRevision: number;
  delayMs: number;
  canSave?: (value: T) => boolean;
  save: (value: T, revision: number) => Promise<ActionResult<{ revision: number }>>;
}) {
  const router = useRouter();
  const [revision, setRevision] = useState(initialRevision);
  const [state, setState] = useState<SaveState>("saved");
  const [message, setMessage] = useState<string | null>(null);
  const saving = useRef(false);

  const saveNow = async (v: T) => {
    if (saving.current) return;
    saving.current = true;
    setState("saving");
    const r = await save(v, revision);
    saving.current = false;
    if (!r.ok) {
      setState(r.error.code === "CONFLICT" ? "conflict" : "error");
      setMessage(r.error.message);
      return;
    }
    setRevision(r.data.revision);
    setState("saved");
    setMessage(null);
    router.refresh();
  };

  useEffect(() => {
    if (state !== "dirty") return;
    const t = setTimeout(() => {
      if (canSave(value)) void saveNow(value);
    }, delayMs);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, state]);

  return {
    revision,
    state,
    message,
    saveNow,
    markDirty: () => setState((s) => (s === "conflict" ? s : "dirty")),
  };
}
