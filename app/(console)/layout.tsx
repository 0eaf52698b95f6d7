import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requirePage } from "@/lib/server/auth/with-permission";
import { getOrganizationName } from "@/lib/server/org";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePage();
  return (
    <AppShell user={user} orgName={await getOrganizationName()}>
      {children}
    </AppShell>
  );
}
