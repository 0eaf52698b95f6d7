/**
 * Post-publish monitor: routing in a window after a publish compared with the same-length
 * window before it. A jump beyond a metric's threshold (e.g. a queue at 3× its baseline) is an
 * alert. Pure: the server supplies the counts.
 */
export interface WindowStats {
  total: number;
  exceptions: number;
  suppressed: number;
  byQueue: Record<string, number>;
  byOwner: Record<string, number>;
}

export interface MonitorThresholds {
  /** Exception rate: alert when it rises by at least this many percentage points… */
  exceptionRatePoints: number;
  /** Suppression rate, likewise. */
  suppressionRatePoints: number;
  /** A queue's or an owner's volume: alert at this multiple of its baseline… */
  volumeRatio: number;
  /** …and at least this many records after (small numbers are noise). */
  volumeMin: number;
  /** Fewer decisions than this after the publish: too early to say anything. */
  minDecisions: number;
}

export const DEFAULT_THRESHOLDS: MonitorThresholds = {
  exceptionRatePoints: 10,
  suppressionRatePoints: 10,
  volumeRatio: 3,
  volumeMin: 10,
  minDecisions: 20,
};

export type MonitorMetric = "exception_rate" | "suppression_rate" | "queue_volume" | "owner_load";

export interface MonitorAlert {
  metric: MonitorMetric;
  /** The queue or owner concerned; "" for rates. */
  key: string;
  before: number;
  after: number;
  message: string;
}

const rate = (n: number, total: number) => (total > 0 ? Math.round((n / total) * 1000) / 10 : 0);

function volumeAlerts(
  metric: "queue_volume" | "owner_load",
  what: string,
  before: Record<string, number>,
  after: Record<string, number>,
  t: MonitorThresholds,
): MonitorAlert[] {
  const out: MonitorAlert[] = [];
  for (const [key, n] of Object.entries(after)) {
    const base = before[key] ?? 0;
    if (n < t.volumeMin || n < t.volumeRatio * Math.max(base, 1)) continue;
    out.push({
      metric,
      key,
      before: base,
      after: n,
      message: `${what} ${key} got ${n} records after the publish, ${base === 0 ? "none" : `${base}`} in the same time before (${base === 0 ? "new" : `${(n / base).toFixed(1)}×`}).`,
    });
  }
  return out.sort((a, b) => b.after - a.after);
}

export function comparePublishWindows(before: WindowStats, after: WindowStats, t: MonitorThresholds = DEFAULT_THRESHOLDS): MonitorAlert[] {
  if (after.total < t.minDecisions) return [];
  const alerts: MonitorAlert[] = [];
  const exBefore = rate(before.exceptions, before.total);
  const exAfter = rate(after.exceptions, after.total);
  if (exAfter - exBefore >= t.exceptionRatePoints)
    alerts.push({
      metric: "exception_rate",
      key: "",
      before: exBefore,
      after: exAfter,
      message: `Exception rate ${exAfter} % after the publish, ${exBefore} % before.`,
    });
  const suBefore = rate(before.suppressed, before.total);
  const suAfter = rate(after.suppressed, after.total);
  if (suAfter - suBefore >= t.suppressionRatePoints)
    alerts.push({
      metric: "suppression_rate",
      key: "",
      before: suBefore,
      after: suAfter,
      message: `Suppression rate ${suAfter} % after the publish, ${suBefore} % before.`,
    });
  alerts.push(...volumeAlerts("queue_volume", "Queue", before.byQueue, after.byQueue, t));
  alerts.push(...volumeAlerts("owner_load", "Owner", before.byOwner, after.byOwner, t));
  return alerts;
}
