import type { Metadata } from "next";
import { ComingNext } from "@/components/ui/coming-next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/server/auth/with-permission";

export const metadata: Metadata = { title: "Audit" };

export default async function Page() {
  await requirePage("audit:read");
  return (
    <>
      <PageHeader title="Audit" description="Append-only record of every change to policies, versions, test cases, members and queues." />
      <ComingNext
        title="Audit log"
        points={[
          "List who changed what and when, with before and after.",
          "Filter by person, object and date.",
        ]}
      />
    </>
  );
}
