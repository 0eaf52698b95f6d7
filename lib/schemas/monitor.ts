import { z } from "zod";

const num = (label: string, min: number, max: number, int = false) => {
  const base = z.coerce.number({ message: `${label}: enter a number.` });
  return (int ? base.int(`${label}: a whole number.`) : base)
    .min(min, `${label}: at least ${min}.`)
    .max(max, `${label}: at most ${max.toLocaleString("en-US")}.`);
};

/** The post-publish monitor's thresholds, as RevOps sets them (lib/engine/publish-monitor.ts MonitorThresholds). */
export const monitorThresholdsInput = z.object({
  exceptionRatePoints: num("Exception rate rise", 1, 100),
  suppressionRatePoints: num("Suppression rate rise", 1, 100),
  volumeRatio: num("Volume multiple", 1.1, 100),
  volumeMin: num("Minimum records", 1, 100_000, true),
  minDecisions: num("Decisions before judging", 1, 1_000_000, true),
});
export type MonitorThresholdsInput = z.infer<typeof monitorThresholdsInput>;

export const THRESHOLD_LABELS: Record<keyof MonitorThresholdsInput, { label: string; help: string; unit: string }> = {
  exceptionRatePoints: {
    label: "Exception rate rise",
    help: "Alert when the exception rate after a publish is this many points above before.",
    unit: "points",
  },
  suppressionRatePoints: { label: "Suppression rate rise", help: "The same for the share of records suppressed.", unit: "points" },
  volumeRatio: { label: "Volume multiple", help: "Alert when a queue or an owner gets this many times its baseline…", unit: "×" },
  volumeMin: { label: "Minimum records", help: "…and at least this many records after the publish (fewer is noise).", unit: "records" },
  minDecisions: {
    label: "Decisions before judging",
    help: "Nothing is judged until this many decisions were made after the publish.",
    unit: "decisions",
  },
};
