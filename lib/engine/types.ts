import type { ObjectType, Operator, Relationship } from "./policy-schema";

/** A record to route: a lead, signal, referral, agent action… Fields use the policy's input names. */
export interface RoutedRecord {
  id: string;
  type: ObjectType;
  fields: Record<string, unknown>;
  /**
   * When the record first arrived (ISO time): SLA clocks run from here, so a record re-routed or
   * handed on keeps its age. Absent, later than the clock or unreadable: the clock's now.
   */
  receivedAt?: string;
  /**
   * Sent by hand to this queue (a console hand-assignment): no rule runs; the queue's
   * distribution — availability, caps, weights, overflow — places it, the decision says so.
   */
  manualQueue?: string;
}

/** The rule key a hand-assignment through a queue carries (a policy cannot use it for a rule). */
export const MANUAL_RULE_KEY = "manual";

/** Account fields in snake_case as the policy names them (account.segment, account.owner_id…). */
export type AccountContext = { id: string } & Record<string, unknown>;

export type MatchedBy = "id" | "domain" | "name" | "workspace_parent" | "workspace_domain";

/** What routing knows around the record: the matched account, its parent, duplicates. */
export interface RecordContext {
  account?: AccountContext | null;
  parentAccount?: AccountContext | null;
  matchedBy?: MatchedBy | null;
  /** Ids of other accounts that look like the same company (same normalised domain or name). */
  duplicates?: string[];
  /** When a product workspace was rolled up to its company, the workspace's id. */
  rolledUpFromWorkspace?: string | null;
}

/** A member's availability and load; state, not policy. Dates are ISO strings. */
export interface MemberState {
  active: boolean;
  load: number;
  capacity: number;
  outOfOfficeFrom?: string | null;
  outOfOfficeUntil?: string | null;
}

export interface QueueState {
  /** Round robin: index of the member to try first next time. */
  cursor: number;
  /** Smooth weighted round robin: current weights by member. */
  current?: Record<string, number>;
  /** Queues whose caps count this queue's work (`capCounts: queue`): open assignments from it, by member. */
  loads?: Record<string, number>;
}

export interface RoutingState {
  members: Record<string, MemberState>;
  queues: Record<string, QueueState>;
}

export interface Evidence {
  field: string;
  op: Operator;
  /** Absent where the operator takes no value (exists, is_empty…), and in stored JSON where it was undefined. */
  expected?: unknown;
  /** Absent in stored JSON when the field was not there at all. */
  actual?: unknown;
  passed: boolean;
  /** Inside a `not`: the predicate's own result is shown, the group's is the opposite. */
  negated?: boolean;
}

export type UnavailableReason = "inactive" | "out_of_office" | "at_capacity" | "unknown_member";

/** Why a queue's distribution passed a member over: unavailable, or in the pool with weight 0 (receives none). */
export type SkipReason = UnavailableReason | "zero_weight";

export type TraceEntry =
  | { step: "inputs"; ok: boolean; missing: string[]; invalid: Array<{ field: string; message: string }> }
  | { step: "duplicate"; duplicates: string[]; action: "exception" | "route" }
  | { step: "suppression"; key: string; matched: boolean; evidence: Evidence[] }
  | { step: "rule"; key: string; intent: string | null; matched: boolean; evidence: Evidence[]; note?: string }
  | {
      step: "distribution";
      queue: string;
      method: string;
      chosen: string | null;
      skipped: Array<{ member: string; reason: SkipReason }>;
      overflowTo?: string;
    }
  | { step: "fallback"; queue: string }
  | { step: "manual"; queue: string };

export interface DecisionBase {
  recordId: string;
  objectType: ObjectType;
  policyHash: string;
  evaluatedAt: string;
  /** The declared inputs as read, for evidence and exact replay. */
  inputs: Record<string, unknown>;
  trace: TraceEntry[] | null;
  /** Present only when there is something to say (undeclared fields…). */
  warnings?: DecisionWarning[];
}

/** What a decision can be: the one list (schemas, the OpenAPI document, the console and the suite read it). */
export const DECISION_KINDS = ["assigned", "queued", "suppressed", "exception"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/**
 * Why a record went to the exception path. The one list: schemas, the OpenAPI document, the
 * console and the suite read it from here.
 */
export const EXCEPTION_CODES = [
  "MISSING_INPUT",
  "INVALID_INPUT",
  "INVALID_RECORD",
  "DUPLICATE",
  "NO_AVAILABLE_ASSIGNEE",
  "OWNER_INACTIVE",
  "UNKNOWN_OWNER",
] as const;
export type ExceptionCode = (typeof EXCEPTION_CODES)[number];

/** Something about the record worth knowing that did not stop it (stored with the decision). */
export interface DecisionWarning {
  code: "UNDECLARED_FIELD";
  field: string;
  /** The declared input it is one or two keystrokes from, when there is one. */
  suggestion: string | null;
  message: string;
}

export interface RuleRef {
  ruleKey: string;
  intent: string | null;
  slaMinutes: number | null;
  slaDueAt: string | null;
}

export type Decision =
  | (DecisionBase &
      RuleRef & {
        kind: "assigned";
        assignee: string;
        queue: string | null;
        via: "member" | "relationship" | "queue";
        relationship: Relationship | null;
        note: string | null;
      })
  | (DecisionBase & RuleRef & { kind: "queued"; queue: string; note: string | null })
  | (DecisionBase & { kind: "suppressed"; suppressionKey: string; reason: string })
  | (DecisionBase & {
      kind: "exception";
      reasonCode: ExceptionCode;
      queue: string;
      fields: string[];
      message: string;
      ruleKey: string | null;
    });

export interface EvaluateOptions {
  /** Record the trace (default true). The fast path skips it. */
  trace?: boolean;
}

export interface EvaluateResult {
  decision: Decision;
  nextState: RoutingState;
}
