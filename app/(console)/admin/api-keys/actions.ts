"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiKeySchema } from "@/lib/schemas/decisions";
import { createApiKey, revokeApiKey } from "@/lib/server/api-keys/api-keys";
import { protectedAction } from "@/lib/server/auth/with-permission";

export const createApiKeyAction = protectedAction("api_keys:manage", createApiKeySchema, async (input, user) => {
  const created = await createApiKey(user, input);
  revalidatePath("/admin/api-keys");
  return created;
});

export const revokeApiKeyAction = protectedAction("api_keys:manage", z.object({ id: z.string().min(1) }), async ({ id }, user) => {
  await revokeApiKey(user, id);
  revalidatePath("/admin/api-keys");
  return { id };
});
