import { accountListQuery } from "@/lib/schemas/accounts";
import { searchParamsToObject } from "@/lib/schemas/list-query";
import { listAccounts } from "@/lib/server/accounts/list-accounts";
import { parseOrThrow, withPermission } from "@/lib/server/auth/with-permission";

export const GET = withPermission("accounts:read", async (req) => {
  const query = parseOrThrow(accountListQuery, searchParamsToObject(new URL(req.url).searchParams));
  return Response.json(await listAccounts(query));
});
