-- Decisions are append-only: what the engine decided and the evidence it decided on never change
-- once stored, whoever writes. Only who holds the work now and whether it is closed may
-- (currentAssigneeKey, currentQueueKey, overrideCount, resolvedAt, resolution): overrides,
-- re-routes and triage move those. Each decision carries the hash of everything else
-- (evidenceHash: sent by the routing commit, else computed by the database on insert), so `switchyard verify-log` can prove no stored
-- decision was edited even by someone who bypassed the triggers. There is no chain between
-- decisions: a chain would make every routing commit in every process wait for the one before it;
-- deleting a decision is refused by the trigger instead (docs/adr/0005).

ALTER TABLE "Decision" ADD COLUMN "evidenceHash" TEXT;

-- Everything but the holder columns, in a fixed order; the JSON evidence as the stored text.
CREATE FUNCTION switchyard_decision_hash(d "Decision") RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(json_build_array(
    d.id, to_char(d."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS'), d."recordId", d."objectType", d."policyVersionId", d."versionNumber",
    d."policyHash", d.kind, d."assigneeKey", d."queueKey", d."ruleKey", d.intent, d."suppressionKey", d."reasonCode",
    to_char(d."slaDueAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS'), to_char(d."evaluatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS'), d.source, d."requestId",
    d."apiKeyId", d."accountExternalId", d."reroutedFromId", d."shadowRunId", d."formatVersion",
    d.record::text, d.context::text, d."stateSnapshot"::text, d.decision::text
  )::text, 'UTF8')), 'hex')
$$;

UPDATE "Decision" d SET "evidenceHash" = switchyard_decision_hash(d);

-- On insert, only when the writer sent no hash: the routing commit sends the one it computed
-- (lib/server/routing/decision-evidence.ts, the same bytes), so its inserts never call into PL/pgSQL
-- (the WHEN clause is checked by the executor). verify-log checks every hash alike.
CREATE FUNCTION switchyard_decision_hash_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."evidenceHash" := switchyard_decision_hash(NEW);
  RETURN NEW;
END $$;

CREATE TRIGGER switchyard_decision_hash_on_insert BEFORE INSERT ON "Decision"
  FOR EACH ROW WHEN (NEW."evidenceHash" IS NULL) EXECUTE FUNCTION switchyard_decision_hash_on_insert();

CREATE FUNCTION switchyard_decision_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'Decisions are append-only: decision % cannot be deleted', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW."evidenceHash" IS DISTINCT FROM OLD."evidenceHash" OR switchyard_decision_hash(NEW) IS DISTINCT FROM OLD."evidenceHash" THEN
    RAISE EXCEPTION 'Decisions are append-only: what decision % decided and its evidence cannot change (only who holds it and whether it is closed)', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER switchyard_decision_append_only BEFORE UPDATE OR DELETE ON "Decision"
  FOR EACH ROW EXECUTE FUNCTION switchyard_decision_append_only();

-- The routing commit inserts the evidence hash it computed with the rest of the row.
CREATE OR REPLACE FUNCTION switchyard_commit_routing(decisions json, p jsonb) RETURNS void
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
      record, context, "stateSnapshot", decision, "currentAssigneeKey", "currentQueueKey", "resolvedAt", "reroutedFromId", "shadowRunId", "formatVersion", "evidenceHash"
    FROM json_populate_recordset(NULL::"Decision", decisions);

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
        "resolvedAt" = CASE WHEN v.overridden THEN coalesce(d."resolvedAt", v.at) ELSE v.at END,
        resolution = CASE WHEN v.overridden AND d."resolvedAt" IS NOT NULL THEN d.resolution ELSE v.resolution END,
        "currentAssigneeKey" = NULL,
        "currentQueueKey" = CASE WHEN v.overridden THEN v."toQueue" ELSE d."currentQueueKey" END,
        "overrideCount" = d."overrideCount" + CASE WHEN v.overridden THEN 1 ELSE 0 END
      FROM jsonb_to_recordset(p -> 'closes') AS v(id text, resolution text, overridden boolean, "toQueue" text, "wasAssignee" text, "wasQueue" text, at timestamp(3))
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
