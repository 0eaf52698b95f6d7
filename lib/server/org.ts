import { db } from "@/lib/server/db";

export async function getOrganizationName(): Promise<string> {
  const org = await db().organization.findFirst({ select: { name: true } });
  return org?.name ?? "Switchyard";
}
