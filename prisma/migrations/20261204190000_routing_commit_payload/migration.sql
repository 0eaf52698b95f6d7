-- One routing commit, every value a bound parameter (extended protocol): no value is ever spliced
-- into SQL text. `decisions` is the Decision rows' columns as JSON text (read once by
-- json_to_recordset); `evidence` their record, context, state snapshot and decision, four texts
-- per row in order (bound as text parameters: nothing escaped or unescaped, stored exactly as the
-- app wrote and hashed them); `p` is everything else as jsonb (parsed once, its parts read cheaply). Each part maps
-- onto its table's own row type with json(b)_populate_recordset, so its keys are the columns' names. Called in its own statement: alone (the statement is the transaction) when the
-- state was decided on from this process's copy, or inside a transaction that locked the rows first.
--
-- decisions: [Decision rows without their evidence]   evidence: [record, context, stateSnapshot, decision, …]
-- p (each part left out when empty): {
--   shadowDiffs: [ShadowDiff rows],
--   outbox:      [WebhookDelivery rows],     idempotencyKeys: [IdempotencyKey rows],
--   check:       { policyId, liveVersionId, shadowRunId, members: [keys],
--                  seenMembers: [Member rows as read], queues: [QueueCursor rows as read] },
--   memberLoads: [{ email, activeLoad }],    queueStates: [QueueCursor rows],   -- the new state
--   closes:      [{ id, resolution, toQueue, wasAssignee, wasQueue, at }]  -- what a re-route replaces
--   overrides:   [Override rows], audit: [AuditEvent rows]
-- }
-- Order: rows are written first, then the state rows are locked (members, then queue cursors,
-- each in key order) and compared with what was decided on, then the new state: the locks are held
-- for the check, the update and the commit only. Anything stale raises 40001 and it all rolls back.

-- The engine's decision format, stamped on each stored decision (replay across releases reads it).
ALTER TABLE "Decision" ADD COLUMN "formatVersion" INTEGER NOT NULL DEFAULT 1;

-- The hash of the decision's outcome and evidence, computed by the commit in the app (migration
-- 20261204200000 makes decisions append-only and defines what the hash covers).
ALTER TABLE "Decision" ADD COLUMN "evidenceHash" TEXT;

CREATE FUNCTION switchyard_commit_routing(decisions json, p jsonb, evidence text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  c jsonb := p -> 'check';
  same boolean;
  n bigint;
BEGIN
  INSERT INTO "Decision" (id, "createdAt", "recordId", "objectType", "policyVersionId", "versionNumber", "policyHash", kind, "assigneeKey", "queueKey",
      "ruleKey", intent, "suppressionKey", "reasonCode", "slaDueAt", "evaluatedAt", source, "requestId", "apiKeyId", "accountExternalId",
      record, context, "stateSnapshot", decision, "currentAssigneeKey", "currentQueueKey", "resolvedAt", "reroutedFromId", "shadowRunId", "formatVersion", "evidenceHash")
    SELECT id, "createdAt", "recordId", "objectType", "policyVersionId", "versionNumber", "policyHash", kind, "assigneeKey", "queueKey",
      "ruleKey", intent, "suppressionKey", "reasonCode", "slaDueAt", "evaluatedAt", source, "requestId", "apiKeyId", "accountExternalId",
      evidence[4 * d.ordinality - 3]::json, evidence[4 * d.ordinality - 2]::json, evidence[4 * d.ordinality - 1]::json, evidence[4 * d.ordinality]::json,
      "currentAssigneeKey", "currentQueueKey", "resolvedAt", "reroutedFromId", "shadowRunId", "formatVersion", "evidenceHash"
    -- The evidence arrives as text parameters of its own (record, context, state snapshot, decision
    -- for each row in order): nothing to unescape, parsed once, by the cast.
    FROM ROWS FROM (json_to_recordset(decisions) AS (id text, "createdAt" timestamp(3), "recordId" text, "objectType" text, "policyVersionId" text,
      "versionNumber" int, "policyHash" text, kind text, "assigneeKey" text, "queueKey" text, "ruleKey" text, intent text, "suppressionKey" text,
      "reasonCode" text, "slaDueAt" timestamp(3), "evaluatedAt" timestamp(3), source text, "requestId" text, "apiKeyId" text, "accountExternalId" text,
      "currentAssigneeKey" text, "currentQueueKey" text, "resolvedAt" timestamp(3),
      "reroutedFromId" text, "shadowRunId" text, "formatVersion" int, "evidenceHash" text)) WITH ORDINALITY AS d;

  -- The parts below are absent when empty (most commits have no shadow, outbox, keys or re-routes).
  IF p ? 'shadowDiffs' THEN
    INSERT INTO "ShadowDiff" ("decisionId", "runId", "recordId", "createdAt", before, after, "liveDecision", "shadowDecision")
      SELECT "decisionId", "runId", "recordId", "createdAt", before, after, "liveDecision", "shadowDecision"
      FROM jsonb_populate_recordset(NULL::"ShadowDiff", p -> 'shadowDiffs');
  END IF;

  IF p ? 'outbox' THEN
    INSERT INTO "WebhookDelivery" (id, "subscriptionId", event, payload)
      SELECT id, "subscriptionId", event, payload FROM jsonb_populate_recordset(NULL::"WebhookDelivery", p -> 'outbox');
  END IF;

  -- A key another request took meanwhile: that request's decisions are the answer (read on the retry).
  IF p ? 'idempotencyKeys' THEN
    WITH k AS (
      INSERT INTO "IdempotencyKey" ("apiKeyId", key, "requestHash", "decisionIds")
        SELECT "apiKeyId", key, "requestHash", "decisionIds" FROM jsonb_populate_recordset(NULL::"IdempotencyKey", p -> 'idempotencyKeys')
        ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*) INTO n FROM k;
    PERFORM switchyard_expect(n = jsonb_array_length(p -> 'idempotencyKeys'), 'idempotency key');
  END IF;

  -- The decisions a re-route replaces: closed with it, or (someone moved one meanwhile) not at all.
  -- A re-route closes it whatever it was; a hand-assignment closes it if it was open and counts an override.
  IF p ? 'closes' THEN
    UPDATE "Decision" d SET
        "resolvedAt" = CASE WHEN v.resolution = 'overridden' THEN coalesce(d."resolvedAt", v.at) ELSE v.at END,
        resolution = CASE WHEN v.resolution = 'overridden' AND d."resolvedAt" IS NOT NULL THEN d.resolution ELSE v.resolution END,
        "currentAssigneeKey" = NULL,
        "currentQueueKey" = CASE WHEN v.resolution = 'overridden' THEN v."toQueue" ELSE d."currentQueueKey" END,
        "overrideCount" = d."overrideCount" + CASE WHEN v.resolution = 'overridden' THEN 1 ELSE 0 END
      FROM jsonb_to_recordset(p -> 'closes') AS v(id text, resolution text, "toQueue" text, "wasAssignee" text, "wasQueue" text, at timestamp(3))
      WHERE d.id = v.id AND d."currentAssigneeKey" IS NOT DISTINCT FROM v."wasAssignee" AND d."currentQueueKey" IS NOT DISTINCT FROM v."wasQueue";
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM switchyard_expect(n = jsonb_array_length(p -> 'closes'), 'decision to replace');
  END IF;

  IF p ? 'overrides' THEN
    INSERT INTO "Override" (id, "decisionId", "fromAssigneeKey", "fromQueueKey", "toAssigneeKey", "toQueueKey", "reasonCode", note, "byEmail")
      SELECT id, "decisionId", "fromAssigneeKey", "fromQueueKey", "toAssigneeKey", "toQueueKey", "reasonCode", note, "byEmail"
      FROM jsonb_populate_recordset(NULL::"Override", p -> 'overrides');
  END IF;

  -- Hash-chained by its trigger like every audit event.
  IF p ? 'audit' THEN
    INSERT INTO "AuditEvent" (id, at, "actorId", "actorEmail", action, "entityType", "entityId", summary, before, after)
      SELECT id, at, "actorId", "actorEmail", action, "entityType", "entityId", summary, before, after
      FROM jsonb_populate_recordset(NULL::"AuditEvent", p -> 'audit');
  END IF;

  -- Checked commits: the state rows locked (members, then queue cursors, each in key order) and
  -- compared with what the decisions were made on, and the policy still on those versions.
  IF c IS NOT NULL THEN
    WITH m AS (SELECT email, name, active, "activeLoad", capacity, "outOfOfficeFrom", "outOfOfficeUntil" FROM "Member"
                 WHERE email = ANY(ARRAY(SELECT jsonb_array_elements_text(c -> 'members'))) ORDER BY email FOR UPDATE),
         q AS (SELECT "queueKey", cursor, current, loads FROM "QueueCursor"
                 WHERE "queueKey" = ANY(ARRAY(SELECT jsonb_array_elements(c -> 'queues') ->> 'queueKey')) ORDER BY "queueKey" FOR UPDATE),
         sm AS (SELECT * FROM jsonb_populate_recordset(NULL::"Member", c -> 'seenMembers')),
         sq AS (SELECT * FROM jsonb_populate_recordset(NULL::"QueueCursor", c -> 'queues'))
    SELECT EXISTS (SELECT 1 FROM "Policy" WHERE id = c ->> 'policyId' AND "liveVersionId" = c ->> 'liveVersionId'
                     AND "shadowRunId" IS NOT DISTINCT FROM c ->> 'shadowRunId')
       AND (SELECT count(*) FROM m) = (SELECT count(*) FROM sm)
       AND (SELECT count(*) FROM q) = (SELECT count(*) FROM sq)
       AND (SELECT count(*) FROM m JOIN sm ON m.email = sm.email AND m.name = sm.name AND m.active = sm.active AND m."activeLoad" = sm."activeLoad"
              AND m.capacity = sm.capacity AND m."outOfOfficeFrom" IS NOT DISTINCT FROM sm."outOfOfficeFrom"
              AND m."outOfOfficeUntil" IS NOT DISTINCT FROM sm."outOfOfficeUntil") = (SELECT count(*) FROM sm)
       AND (SELECT count(*) FROM q JOIN sq ON q."queueKey" = sq."queueKey" AND q.cursor = sq.cursor AND q.current IS NOT DISTINCT FROM sq.current
              AND q.loads IS NOT DISTINCT FROM sq.loads) = (SELECT count(*) FROM sq)
    INTO same;
    PERFORM switchyard_expect(same, 'distribution state or live version');
  END IF;

  IF p ? 'memberLoads' THEN
    UPDATE "Member" SET "activeLoad" = v."activeLoad"
      FROM jsonb_to_recordset(p -> 'memberLoads') AS v(email text, "activeLoad" int) WHERE "Member".email = v.email;
  END IF;
  IF p ? 'queueStates' THEN
    UPDATE "QueueCursor" SET cursor = v.cursor, current = v.current, loads = v.loads, "updatedAt" = now()
      FROM jsonb_populate_recordset(NULL::"QueueCursor", p -> 'queueStates') AS v WHERE "QueueCursor"."queueKey" = v."queueKey";
  END IF;
END
$$;

-- The earlier statement functions took the same values as positional arrays inside SQL text.
DROP FUNCTION switchyard_insert_decisions(text[], text[], text[], text[], text[], int[], text[], text[], text[], text[], text[], text[], text[], text[], text[],
  text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[]);
DROP FUNCTION switchyard_check_state(text, text, text, text[], text[], text[], boolean[], int[], int[], text[], text[], text[], int[], jsonb[], jsonb[]);
DROP FUNCTION switchyard_write_state(text[], int[], text[], int[], jsonb[], jsonb[]);
