"use server";

import { revalidatePath } from "next/cache";
import { monitorThresholdsInput } from "@/lib/schemas/monitor";
import { protectedAction } from "@/lib/server/auth/with-permission";
import { saveThresholds } from "@/lib/server/monitor/thresholds";

export const saveThresholdsAction = protectedAction("monitor:manage", monitorThresholdsInput, async (input, user) => {
  const saved = await saveThresholds(user, input);
  revalidatePath("/insights");
  return saved;
});
