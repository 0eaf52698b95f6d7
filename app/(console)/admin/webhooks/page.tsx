import type { Metadata } from "next";
import { WebhookForm } from "@/components/admin/webhook-form";
import { ActionButton } from "@/components/policies/action-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/server/auth/with-permission";
import { listDeliveries, listWebhooks } from "@/lib/server/webhooks/webhooks";
import { retryDeliveryAction, testWebhookAction, toggleWebhookAction } from "./actions";

export const metadata: Metadata = { title: "Webhooks" };

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 19).replace("T", " ") : "—");
const TONE = { delivered: "green", pending: "amber", dead: "red" } as const;

export default async function WebhooksPage() {
  await requirePage("webhooks:manage");
  const [hooks, deliveries] = await Promise.all([listWebhooks(), listDeliveries()]);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description={
          <>
            Decisions, overrides and disputes posted to your systems as they happen. Each body is signed:{" "}
            <code className="text-xs">X-Switchyard-Signature: t=…,v1=HMAC-SHA256(secret, t + &quot;.&quot; + body)</code>. Failed deliveries
            are retried with exponential backoff (30 s → 6 h, 8 attempts); a failing endpoint never blocks routing.
          </>
        }
      />
      <div className="mb-6 grid gap-6 xl:grid-cols-3">
        <Card className="xl:col-span-2">
          <table className="w-full text-sm" data-testid="webhooks">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Webhook</th>
                <th className="px-4 py-2 font-medium">Events</th>
                <th className="px-4 py-2 font-medium">Deliveries</th>
                <th className="px-4 py-2" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {hooks.length === 0 ? (
                <tr>
                  <td colSpan={4} className="px-4 py-12 text-center text-slate-500">
                    No webhooks yet.
                  </td>
                </tr>
              ) : (
                hooks.map((h) => (
                  <tr key={h.id} className="align-top">
                    <td className="px-4 py-2.5">
                      <div className="font-medium">
                        {h.name} {h.active ? null : <Badge>paused</Badge>}
                      </div>
                      <code className="break-all text-xs text-slate-500">{h.url}</code>
                    </td>
                    <td className="px-4 py-2.5">
                      <div className="flex flex-wrap gap-1">
                        {h.events.map((e) => (
                          <Badge key={e}>{e}</Badge>
                        ))}
                      </div>
                    </td>
                    <td className="px-4 py-2.5 text-xs">
                      <span className="text-emerald-700">{h.counts.delivered ?? 0} delivered</span> ·{" "}
                      <span className="text-amber-700">{h.counts.pending ?? 0} pending</span> ·{" "}
                      <span className="text-rose-700">{h.counts.dead ?? 0} failed</span>
                    </td>
                    <td className="space-y-1 px-4 py-2.5 text-right">
                      <ActionButton action={testWebhookAction} input={{ id: h.id }} variant="secondary">
                        Send test
                      </ActionButton>
                      <ActionButton action={toggleWebhookAction} input={{ id: h.id, active: !h.active }} variant="secondary">
                        {h.active ? "Pause" : "Resume"}
                      </ActionButton>
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </Card>
        <Card>
          <CardHeader title="Add webhook" />
          <div className="px-5 py-4">
            <WebhookForm />
          </div>
        </Card>
      </div>
      <Card>
        <CardHeader title="Delivery log" description="The last 50 deliveries, newest first." />
        <table className="w-full text-sm" data-testid="deliveries">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">When</th>
              <th className="px-4 py-2 font-medium">Webhook</th>
              <th className="px-4 py-2 font-medium">Event</th>
              <th className="px-4 py-2 font-medium">Status</th>
              <th className="px-4 py-2 font-medium">Attempts</th>
              <th className="px-4 py-2 font-medium">Last answer</th>
              <th className="px-4 py-2" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {deliveries.length === 0 ? (
              <tr>
                <td colSpan={7} className="px-4 py-8 text-center text-slate-500">
                  Nothing sent yet.
                </td>
              </tr>
            ) : (
              deliveries.map((d) => (
                <tr key={d.id}>
                  <td className="whitespace-nowrap px-4 py-2 text-xs">{when(d.createdAt)}</td>
                  <td className="px-4 py-2">{d.subscription.name}</td>
                  <td className="px-4 py-2 font-mono text-xs">{d.event}</td>
                  <td className="px-4 py-2">
                    <Badge tone={TONE[d.status as keyof typeof TONE] ?? "gray"}>{d.status === "dead" ? "failed" : d.status}</Badge>
                    {d.status === "pending" && d.attempts > 0 ? (
                      <div className="text-xs text-slate-500">next try {when(d.nextAttemptAt)}</div>
                    ) : null}
                  </td>
                  <td className="px-4 py-2">{d.attempts}</td>
                  <td className="px-4 py-2 text-xs text-slate-600">{d.lastError ?? (d.lastStatus ? `HTTP ${d.lastStatus}` : "—")}</td>
                  <td className="px-4 py-2 text-right">
                    {d.status !== "delivered" ? (
                      <ActionButton action={retryDeliveryAction} input={{ id: d.id }} variant="secondary">
                        Retry now
                      </ActionButton>
                    ) : null}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </Card>
    </>
  );
}
