import type { Metadata } from "next";
import { ComingNext } from "@/components/ui/coming-next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/server/auth/with-permission";

export const metadata: Metadata = { title: "Policies" };

export default async function Page() {
  await requirePage("policies:read");
  return (
    <>
      <PageHeader title="Policies" description="Routing policies as versioned code: the live version, drafts and history." />
      <ComingNext
        title="Policy versions"
        points={[
          "Show the live policy, drafts under review and every published version with its change note.",
          "Open a draft in a form editor: ordered rules tied to intent, suppressions, inputs, lists and queues.",
          "Send a draft for review by someone other than its author, publish it, and roll back in one action.",
        ]}
      />
    </>
  );
}
