import type { Metadata } from "next";
import Link from "next/link";
import { AccountImport } from "@/components/accounts/account-import";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/server/auth/with-permission";

export const metadata: Metadata = { title: "Import accounts" };

const TEMPLATE = `external_id,name,domain,segment,region,country,industry,employee_count,customer_status,fit_score,is_named_account,is_strategic,has_open_opportunity,in_renewal,in_procurement,sensitive_escalation,open_support_issue,is_product_workspace,owner,csm,partner_owner,parent_external_id
ACC-900001,Northwind Traders,northwind.example,mid_market,EMEA,DE,Retail,850,prospect,72,false,false,true,false,false,false,false,false,,,,
`;

export default async function ImportAccountsPage() {
  await requirePage("accounts:import");
  return (
    <>
      <PageHeader
        title="Import accounts"
        description="Create or update accounts from a CSV export of your CRM, keyed by external_id. Every row is checked first (values, owners that exist, parents); if any row has a problem nothing is imported. Routing sees the new data on the next record."
        actions={
          <Link href="/accounts" className="text-sm text-slate-600 hover:underline">
            ← Accounts
          </Link>
        }
      />
      <Card className="p-5">
        <AccountImport template={TEMPLATE} />
      </Card>
    </>
  );
}
