import Link from "next/link";
import { rollbackAction } from "@/app/(console)/policies/actions";
import { ActionButton } from "@/components/policies/action-button";
import { hasPermission, type Role } from "@/lib/auth/permissions";
import { liveAlerts } from "@/lib/server/monitor/publish-monitor";

/** The post-publish monitor's banner (Policies, Insights): what jumped after the live version went out, with a one-click rollback. */
export async function PublishAlertBanner({ role }: { role: Role }) {
  const alerts = await liveAlerts();
  if (!alerts.length) return null;
  const v = alerts[0]!;
  const canRollBack = hasPermission(role, "policies:publish") && v.previous;
  return (
    <div
      role="alert"
      data-testid="publish-alert"
      className="mb-6 rounded-xl border border-amber-300 bg-amber-50 px-5 py-4 text-sm text-amber-900"
    >
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="font-semibold">
            Since{" "}
            <Link className="underline" href={`/policies/versions/${v.versionId}`}>
              v{v.versionNumber}
            </Link>{" "}
            went live, routing changed more than expected:
          </p>
          <ul className="mt-1 list-disc pl-5">
            {alerts.map((a) => (
              <li key={a.id}>{a.message}</li>
            ))}
          </ul>
        </div>
        {canRollBack ? (
          <ActionButton
            action={rollbackAction}
            input={{ versionId: v.previous!.id, reason: `Post-publish monitor: ${alerts.map((a) => a.message).join(" ")}` }}
          >
            {v.rollbackThroughReview ? `Submit a rollback to v${v.previous!.number} for review` : `Roll back to v${v.previous!.number}`}
          </ActionButton>
        ) : null}
      </div>
    </div>
  );
}
