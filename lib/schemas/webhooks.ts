import { z } from "zod";

export const WEBHOOK_EVENT_LABELS = {
  "decision.created": "A record was routed",
  "decision.overridden": "Someone reassigned a decision",
  "dispute.filed": "The field filed a dispute",
  "dispute.resolved": "RevOps resolved or rejected a dispute",
  "publish.alert": "After a publish, a routing metric jumped (post-publish monitor)",
} as const;

export const createWebhookSchema = z.object({
  name: z.string().trim().min(2, "Name it after the system that receives it.").max(80),
  url: z
    .string()
    .trim()
    .url("Enter the full URL, e.g. https://crm.example.com/hooks/switchyard.")
    .refine((u) => /^https?:\/\//.test(u), "Only http(s) URLs can receive webhooks."),
  events: z
    .array(z.enum(["decision.created", "decision.overridden", "dispute.filed", "dispute.resolved", "publish.alert"]))
    .min(1, "Choose at least one event."),
});
