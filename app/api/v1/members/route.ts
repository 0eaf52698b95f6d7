import { searchParamsToObject } from "@/lib/schemas/list-query";
import { memberListQuery } from "@/lib/schemas/members";
import { parseOrThrow, withPermission } from "@/lib/server/auth/with-permission";
import { listMembers } from "@/lib/server/members/list-members";

export const GET = withPermission("members:read", async (req) => {
  const query = parseOrThrow(memberListQuery, searchParamsToObject(new URL(req.url).searchParams));
  return Response.json(await listMembers(query));
});
