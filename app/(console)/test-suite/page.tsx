import type { Metadata } from "next";
import { ComingNext } from "@/components/ui/coming-next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/server/auth/with-permission";

export const metadata: Metadata = { title: "Test suite" };

export default async function Page() {
  await requirePage("tests:read");
  return (
    <>
      <PageHeader title="Test suite" description="Canonical accounts with the owner, queue, SLA, suppression and exception path each must get." />
      <ComingNext
        title="Routing test suite"
        points={[
          "List canonical test cases, grouped and tagged, with their expected outcome.",
          "Run the whole suite against a draft as you edit it, with a readable diff per failing case.",
          "Block a publish while any case fails.",
        ]}
      />
    </>
  );
}
