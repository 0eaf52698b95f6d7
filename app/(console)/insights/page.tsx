import type { Metadata } from "next";
import { ComingNext } from "@/components/ui/coming-next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/server/auth/with-permission";

export const metadata: Metadata = { title: "Insights" };

export default async function Page() {
  await requirePage("insights:read");
  return (
    <>
      <PageHeader title="Insights" description="Routing health: exception and override rates, missing inputs, time to assignment, fairness." />
      <ComingNext
        title="Routing health"
        points={[
          "Chart decisions by outcome, exception rate and override rate per day, with publishes marked.",
          "Show which inputs go missing most and which rules create disputes.",
          "Compare each member's assignments with their weight and cap (the fairness ledger).",
        ]}
      />
    </>
  );
}
