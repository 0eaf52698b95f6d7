"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createWebhookSchema } from "@/lib/schemas/webhooks";
import { protectedAction } from "@/lib/server/auth/with-permission";
import { createWebhook, retryDelivery, sendTestEvent, setWebhookActive } from "@/lib/server/webhooks/webhooks";

const done = () => revalidatePath("/admin/webhooks");

export const createWebhookAction = protectedAction("webhooks:manage", createWebhookSchema, async (input, user) => {
  const r = await createWebhook(user, input);
  done();
  return r;
});

export const toggleWebhookAction = protectedAction(
  "webhooks:manage",
  z.object({ id: z.string().min(1), active: z.boolean() }),
  async ({ id, active }, user) => {
    await setWebhookActive(user, id, active);
    done();
    return { id };
  },
);

export const testWebhookAction = protectedAction("webhooks:manage", z.object({ id: z.string().min(1) }), async ({ id }, user) => {
  await sendTestEvent(user, id);
  done();
  return { id };
});

export const retryDeliveryAction = protectedAction("webhooks:manage", z.object({ id: z.string().min(1) }), async ({ id }, user) => {
  await retryDelivery(user, id);
  done();
  return { id };
});
