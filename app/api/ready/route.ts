import { checkReadiness } from "@/lib/server/health/readiness";

/** Readiness: database reachable and every committed migration applied (503 otherwise). */
export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await checkReadiness();
  return Response.json(readiness, { status: readiness.ready ? 200 : 503 });
}
