import type { Metadata } from "next";
import { ComingNext } from "@/components/ui/coming-next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/server/auth/with-permission";

export const metadata: Metadata = { title: "Decisions" };

export default async function Page() {
  await requirePage("decisions:read");
  return (
    <>
      <PageHeader title="Decisions" description="Every routing decision with the rule, its intent, the inputs read and per-condition evidence." />
      <ComingNext
        title="Decision log"
        points={[
          "Search decisions by record, owner, queue, rule, intent, outcome and policy version.",
          "Explain each decision in one sentence, with every rule looked at and why it matched or not.",
          "Replay a decision against its stored version to prove it reproduces exactly.",
        ]}
      />
    </>
  );
}
