import type { Metadata } from "next";
import { ComingNext } from "@/components/ui/coming-next";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/server/auth/with-permission";

export const metadata: Metadata = { title: "Disputes" };

export default async function DisputesPage() {
  // Filing (field) or reading every dispute (RevOps, approvers) opens this page.
  const user = await requirePage(["disputes:read", "disputes:file"]);
  const triage = hasPermission(user.role, "disputes:triage");
  return (
    <>
      <PageHeader
        title="Disputes"
        description={
          triage
            ? "Routing disputes filed by the field, to resolve as a rule, data, interface or policy repair."
            : "Disagree with where a record landed? File a dispute with the owner you believe is right."
        }
      />
      <ComingNext
        title={triage ? "Dispute triage" : "Your disputes"}
        points={
          triage
            ? [
                "List open disputes with status, age, category and the rule they concern.",
                "Resolve each as a rule repair, data repair, interface repair or policy decision, with a note the filer sees.",
                "Turn an upheld dispute into a test case so the fix stays fixed.",
              ]
            : [
                "File a dispute on any decision you can see: should be mine, wrong territory, partner ignored, duplicate, customer context lost.",
                "Follow its status and read RevOps's resolution note.",
              ]
        }
      />
    </>
  );
}
