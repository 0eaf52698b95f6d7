"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { protectedAction } from "@/lib/server/auth/with-permission";
import { importAccountsCsv } from "@/lib/server/accounts/upsert-accounts";

const schema = z.object({
  csv: z.string().min(1, "Choose a CSV file or paste its contents.").max(10_000_000, "Files up to 10 MB; split larger imports."),
  dryRun: z.boolean(),
});

export const importAccountsAction = protectedAction("accounts:import", schema, async ({ csv, dryRun }, user) => {
  const report = await importAccountsCsv(user, csv, dryRun);
  if (report.imported) revalidatePath("/accounts");
  return report;
});
