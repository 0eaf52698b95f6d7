/**
 * The version of the decision format the engine writes: the shape of a `Decision` (outcome,
 * inputs as read, trace and evidence) and of the state snapshot beside it. Every stored decision
 * carries the version it was written in (`Decision.formatVersion`), and replay reads only the
 * versions listed in `REPLAYABLE_FORMAT_VERSIONS`: a release that changes the format raises the
 * version and says here whether older decisions still replay (with a reader for them) or not.
 *
 * 1 — the format since the first release (2026-11).
 */
export const DECISION_FORMAT_VERSION = 1;

/** The stored formats this engine can replay exactly. */
export const REPLAYABLE_FORMAT_VERSIONS: readonly number[] = [1];
