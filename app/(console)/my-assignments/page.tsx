import type { Metadata } from "next";
import { ComingNext } from "@/components/ui/coming-next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/server/auth/with-permission";

export const metadata: Metadata = { title: "My assignments" };

export default async function MyAssignmentsPage() {
  const user = await requirePage("decisions:read_own");
  return (
    <>
      <PageHeader title="My assignments" description={`What routing gave to ${user.memberName ?? user.name}, and why.`} />
      <ComingNext
        title="Your assignments, explained"
        points={[
          "List every record routed to you, newest first, with its SLA.",
          "Say in plain words why it landed with you: the rule, its intent and the facts that matched.",
          "On any record, show why it did not come to you (\"why not me\") and let you file a dispute.",
        ]}
      />
    </>
  );
}
