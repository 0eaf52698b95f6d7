-- Queues, their members, weights and caps live in the policy document (its live version); the
-- seeded directory copy (Queue, QueueMember) and the member weight nothing routed by are dropped,
-- so no console view can show or edit a value routing ignores.

-- DropForeignKey
ALTER TABLE "Queue" DROP CONSTRAINT "Queue_overflowQueueId_fkey";
ALTER TABLE "QueueMember" DROP CONSTRAINT "QueueMember_memberId_fkey";
ALTER TABLE "QueueMember" DROP CONSTRAINT "QueueMember_queueId_fkey";

-- DropTable
DROP TABLE "QueueMember";
DROP TABLE "Queue";

-- AlterTable
ALTER TABLE "Member" DROP COLUMN "weight";

-- A queue whose caps count only its own work (`capCounts: queue`) keeps each member's open
-- assignments from it beside its rotation, checked and written by the routing transaction.
ALTER TABLE "QueueCursor" ADD COLUMN "loads" JSONB;

DROP FUNCTION switchyard_check_state(text, text, text, text[], text[], text[], boolean[], int[], int[], text[], text[], text[], int[], jsonb[]);
CREATE FUNCTION switchyard_check_state(p_policy text, p_live_version text, p_shadow_run text,
  p_members text[], v_email text[], v_name text[], v_active boolean[], v_load int[], v_capacity int[], v_ooo_from text[], v_ooo_until text[],
  p_queues text[], v_cursor int[], v_current jsonb[], v_loads jsonb[]) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE same boolean;
BEGIN
  WITH m AS (SELECT email, name, active, "activeLoad", capacity, "outOfOfficeFrom", "outOfOfficeUntil" FROM "Member" WHERE email = ANY(p_members) ORDER BY email FOR UPDATE),
       q AS (SELECT "queueKey", cursor, current, loads FROM "QueueCursor" WHERE "queueKey" = ANY(p_queues) ORDER BY "queueKey" FOR UPDATE)
  SELECT EXISTS (SELECT 1 FROM "Policy" WHERE id = p_policy AND "liveVersionId" = p_live_version AND "shadowRunId" IS NOT DISTINCT FROM p_shadow_run)
     AND (SELECT count(*) FROM m) = cardinality(v_email)
     AND (SELECT count(*) FROM q) = cardinality(p_queues)
     AND (SELECT count(*) FROM m JOIN unnest(v_email, v_name, v_active, v_load, v_capacity, v_ooo_from, v_ooo_until) AS v(email, name, active, load, capacity, f, u)
          ON m.email = v.email AND m.name = v.name AND m.active = v.active AND m."activeLoad" = v.load AND m.capacity = v.capacity
          AND m."outOfOfficeFrom" IS NOT DISTINCT FROM v.f::timestamp(3) AND m."outOfOfficeUntil" IS NOT DISTINCT FROM v.u::timestamp(3)) = cardinality(v_email)
     AND (SELECT count(*) FROM q JOIN unnest(p_queues, v_cursor, v_current, v_loads) AS v(key, cursor, current, loads)
          ON q."queueKey" = v.key AND q.cursor = v.cursor AND q.current IS NOT DISTINCT FROM v.current AND q.loads IS NOT DISTINCT FROM v.loads) = cardinality(p_queues)
  INTO same;
  RETURN switchyard_expect(same, 'distribution state or live version');
END
$$;

DROP FUNCTION switchyard_write_state(text[], int[], text[], int[], jsonb[]);
CREATE FUNCTION switchyard_write_state(p_members text[], p_loads int[], p_queues text[], p_cursors int[], p_currents jsonb[], p_queue_loads jsonb[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(p_members) > 0 THEN
    UPDATE "Member" SET "activeLoad" = v.load FROM unnest(p_members, p_loads) AS v(email, load) WHERE "Member".email = v.email;
  END IF;
  IF cardinality(p_queues) > 0 THEN
    UPDATE "QueueCursor" SET cursor = v.cursor, current = NULLIF(v.current, 'null'::jsonb), loads = NULLIF(v.loads, 'null'::jsonb), "updatedAt" = now()
      FROM unnest(p_queues, p_cursors, p_currents, p_queue_loads) AS v(key, cursor, current, loads) WHERE "QueueCursor"."queueKey" = v.key;
  END IF;
END
$$;
