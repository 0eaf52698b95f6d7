/**
 * Work someone holds, as loads read it: who holds it now, and who and which queue first got it.
 * Shared by hand overrides (lib/server/decisions/overrides.ts) and re-routes (route-records.ts),
 * which both give the holder's slot back.
 */
export interface HeldWork {
  currentAssigneeKey: string | null;
  currentQueueKey: string | null;
  assigneeKey: string | null;
  queueKey: string | null;
}

/**
 * The queue whose own count for the holder includes this work (queues whose caps count their own
 * work keep one): still with the member the queue gave it to. Null otherwise.
 */
export function countingQueue(h: HeldWork): string | null {
  return h.currentAssigneeKey && h.queueKey && h.currentAssigneeKey === h.assigneeKey && h.currentQueueKey === h.queueKey
    ? h.queueKey
    : null;
}
