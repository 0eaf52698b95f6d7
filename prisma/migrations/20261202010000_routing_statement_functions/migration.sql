-- The routing transaction's statements as functions: PL/pgSQL keeps each statement's plan for the
-- life of the connection, where the same statements sent as text were parsed, analysed and
-- planned again in every transaction (the state check alone cost ~0.3 ms of PostgreSQL's CPU
-- per transaction that way; see docs/design/routing-in-operation.md). The app still sends each
-- routing transaction as one message; only what the message calls changed.

-- Decisions of one routing transaction, one array per column (same order for all).
-- Timestamps come as ISO text; record, context, state snapshot and decision as JSON text.
CREATE OR REPLACE FUNCTION switchyard_insert_decisions(
  p_id text[], p_created text[], p_record_id text[], p_object_type text[], p_version_id text[], p_version_number int[], p_policy_hash text[],
  p_kind text[], p_assignee text[], p_queue text[], p_rule text[], p_intent text[], p_suppression text[], p_reason text[], p_sla text[],
  p_evaluated text[], p_source text[], p_request text[], p_api_key text[], p_account text[],
  p_record text[], p_context text[], p_state text[], p_decision text[],
  p_current_assignee text[], p_current_queue text[], p_resolved text[], p_rerouted_from text[], p_shadow_run text[]) RETURNS int
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "Decision" (id, "createdAt", "recordId", "objectType", "policyVersionId", "versionNumber", "policyHash", kind, "assigneeKey", "queueKey",
      "ruleKey", intent, "suppressionKey", "reasonCode", "slaDueAt", "evaluatedAt", source, "requestId", "apiKeyId", "accountExternalId",
      record, context, "stateSnapshot", decision, "currentAssigneeKey", "currentQueueKey", "resolvedAt", "reroutedFromId", "shadowRunId")
    SELECT u.id, u.c::timestamp(3), u.rid, u.ot, u.pv, u.vn, u.ph, u.k, u.ak, u.qk, u.rk, u.it, u.sk, u.rc, u.sla::timestamp(3), u.ev::timestamp(3), u.src, u.req, u.key, u.acc,
      u.rec::json, u.ctx::json, u.st::json, u.dec::json, u.cak, u.cqk, u.res::timestamp(3), u.rr, u.sr
    FROM unnest(p_id, p_created, p_record_id, p_object_type, p_version_id, p_version_number, p_policy_hash, p_kind, p_assignee, p_queue, p_rule, p_intent,
      p_suppression, p_reason, p_sla, p_evaluated, p_source, p_request, p_api_key, p_account, p_record, p_context, p_state, p_decision,
      p_current_assignee, p_current_queue, p_resolved, p_rerouted_from, p_shadow_run)
      AS u(id, c, rid, ot, pv, vn, ph, k, ak, qk, rk, it, sk, rc, sla, ev, src, req, key, acc, rec, ctx, st, dec, cak, cqk, res, rr, sr);
  RETURN cardinality(p_id);
END
$$;

-- The check of a one-message routing transaction: locks the state rows (members, then queue
-- cursors, each in key order) and raises 40001 unless each is exactly what the decisions were made
-- on and the policy still has the live (and shadow) version they were made with.
-- p_members: every member key the decisions could touch; v_*: the rows seen for those that exist.
CREATE OR REPLACE FUNCTION switchyard_check_state(p_policy text, p_live_version text, p_shadow_run text,
  p_members text[], v_email text[], v_name text[], v_active boolean[], v_load int[], v_capacity int[], v_ooo_from text[], v_ooo_until text[],
  p_queues text[], v_cursor int[], v_current jsonb[]) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE same boolean;
BEGIN
  WITH m AS (SELECT email, name, active, "activeLoad", capacity, "outOfOfficeFrom", "outOfOfficeUntil" FROM "Member" WHERE email = ANY(p_members) ORDER BY email FOR UPDATE),
       q AS (SELECT "queueKey", cursor, current FROM "QueueCursor" WHERE "queueKey" = ANY(p_queues) ORDER BY "queueKey" FOR UPDATE)
  SELECT EXISTS (SELECT 1 FROM "Policy" WHERE id = p_policy AND "liveVersionId" = p_live_version AND "shadowRunId" IS NOT DISTINCT FROM p_shadow_run)
     AND (SELECT count(*) FROM m) = cardinality(v_email)
     AND (SELECT count(*) FROM q) = cardinality(p_queues)
     AND (SELECT count(*) FROM m JOIN unnest(v_email, v_name, v_active, v_load, v_capacity, v_ooo_from, v_ooo_until) AS v(email, name, active, load, capacity, f, u)
          ON m.email = v.email AND m.name = v.name AND m.active = v.active AND m."activeLoad" = v.load AND m.capacity = v.capacity
          AND m."outOfOfficeFrom" IS NOT DISTINCT FROM v.f::timestamp(3) AND m."outOfOfficeUntil" IS NOT DISTINCT FROM v.u::timestamp(3)) = cardinality(v_email)
     AND (SELECT count(*) FROM q JOIN unnest(p_queues, v_cursor, v_current) AS v(key, cursor, current)
          ON q."queueKey" = v.key AND q.cursor = v.cursor AND q.current IS NOT DISTINCT FROM v.current) = cardinality(p_queues)
  INTO same;
  RETURN switchyard_expect(same, 'distribution state or live version');
END
$$;

-- The new member loads and queue rotations of a routing transaction (rows already locked).
CREATE OR REPLACE FUNCTION switchyard_write_state(p_members text[], p_loads int[], p_queues text[], p_cursors int[], p_currents jsonb[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(p_members) > 0 THEN
    UPDATE "Member" SET "activeLoad" = v.load FROM unnest(p_members, p_loads) AS v(email, load) WHERE "Member".email = v.email;
  END IF;
  IF cardinality(p_queues) > 0 THEN
    UPDATE "QueueCursor" SET cursor = v.cursor, current = NULLIF(v.current, 'null'::jsonb), "updatedAt" = now()
      FROM unnest(p_queues, p_cursors, p_currents) AS v(key, cursor, current) WHERE "QueueCursor"."queueKey" = v.key;
  END IF;
END
$$;

-- The decision's evidence is stored as the JSON text the app wrote (json, not jsonb): PostgreSQL
-- validates it but no longer converts ~5 KB per decision into jsonb's binary form (~12 % of the
-- cost of inserting a decision). Nothing queries inside these columns with jsonb operators; reads
-- parse the text as before. The decision stays uncompressed, out of line.
ALTER TABLE "Decision" ALTER COLUMN "record" SET DATA TYPE JSON USING "record"::json,
  ALTER COLUMN "context" SET DATA TYPE JSON USING "context"::json,
  ALTER COLUMN "stateSnapshot" SET DATA TYPE JSON USING "stateSnapshot"::json,
  ALTER COLUMN "decision" SET DATA TYPE JSON USING "decision"::json;
ALTER TABLE "Decision" ALTER COLUMN "decision" SET STORAGE EXTERNAL;
