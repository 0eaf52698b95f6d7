import Link from "next/link";
import type { activeShadowRuns } from "@/lib/server/shadow/shadow-runs";

/** On Policies: the versions running in shadow now, with a link to each one's report. */
export function ShadowBanner({ runs }: { runs: Awaited<ReturnType<typeof activeShadowRuns>> }) {
  if (!runs.length) return null;
  return (
    <div data-testid="shadow-banner" className="mb-6 rounded-xl border border-violet-200 bg-violet-50 px-5 py-3 text-sm text-violet-900">
      {runs.map((r) => (
        <p key={r.id}>
          <Link className="font-semibold underline" href={`/policies/versions/${r.versionId}`}>
            v{r.versionNumber}
          </Link>{" "}
          is running in shadow since {r.startedAt.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })}: every live decision
          is also evaluated with it, never acted on.
        </p>
      ))}
    </div>
  );
}
