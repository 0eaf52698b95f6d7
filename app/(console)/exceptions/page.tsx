import type { Metadata } from "next";
import { ComingNext } from "@/components/ui/coming-next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/server/auth/with-permission";

export const metadata: Metadata = { title: "Exceptions" };

export default async function Page() {
  await requirePage("decisions:read");
  return (
    <>
      <PageHeader title="Exceptions" description="Records routing could not place: missing inputs, duplicates, nobody available." />
      <ComingNext
        title="Exception queues"
        points={[
          "Group exceptions by reason (missing input with the fields, no available assignee, duplicate, conflict).",
          "Show age and SLA status, assign by hand with a reason, or fix the data and re-route.",
        ]}
      />
    </>
  );
}
