/** A small policy exercising every part of the engine, for the engine's own tests. */
import type { PolicyInputDocument } from "./policy-schema";
import type { RoutingState } from "./types";

export const NOW = new Date("2026-03-02T10:00:00.000Z");

export function fixturePolicy(): PolicyInputDocument {
  return {
    apiVersion: "switchyard/v1",
    name: "Fixture",
    objectTypes: ["lead", "product_signal", "agent_action"],
    inputs: [
      { name: "segment", type: "enum", values: ["enterprise", "mid_market", "smb"], required: true, objectTypes: ["lead"] },
      { name: "region", type: "enum", values: ["NA", "EMEA"], required: true, objectTypes: ["lead"] },
      { name: "employees", type: "number" },
      { name: "title", type: "string" },
      { name: "email_domain", type: "string" },
      { name: "signed_up_at", type: "date" },
      { name: "tags", type: "list" },
      { name: "budget", type: "number" },
      { name: "min_budget", type: "number" },
      { name: "account.customer_status", type: "enum", values: ["prospect", "customer"] },
      { name: "account.owner_id", type: "string" },
      { name: "account.in_procurement", type: "boolean" },
      { name: "parent_account.owner_id", type: "string" },
    ],
    lists: { vip_domains: ["bigco.com", "megacorp.io"], public: ["gmail.com"] },
    matching: { publicDomainsList: "public" },
    suppressions: [
      {
        key: "procurement",
        name: "No outreach in procurement",
        reason: "In procurement",
        appliesTo: ["lead", "agent_action"],
        when: { field: "account.in_procurement", op: "eq", value: true },
      },
    ],
    rules: [
      {
        key: "vip",
        name: "VIP domains",
        intent: "named_account",
        appliesTo: ["lead"],
        when: { field: "email_domain", op: "in", list: "vip_domains" },
        action: { type: "assign_member", member: "vera" },
        sla: "30m",
      },
      {
        key: "customer-owner",
        name: "Customers to owner",
        intent: "existing_customer",
        appliesTo: ["lead", "product_signal"],
        when: { field: "account.customer_status", op: "eq", value: "customer" },
        action: { type: "assign_relationship", relationship: "account_owner", ifUnavailable: "overflow-q" },
        sla: "4h",
      },
      {
        key: "parent-owner",
        name: "Subsidiary to parent's owner",
        intent: "territory",
        appliesTo: ["product_signal"],
        when: { field: "parent_account.owner_id", op: "exists" },
        action: { type: "assign_relationship", relationship: "parent_account_owner" },
      },
      {
        key: "exec-title",
        name: "Executives",
        intent: "escalation",
        appliesTo: ["lead"],
        when: { field: "title", op: "matches", value: "^(vp|chief|head) " },
        action: { type: "queue", queue: "ent" },
      },
      {
        key: "ent-na",
        name: "Enterprise NA",
        intent: "territory",
        appliesTo: ["lead"],
        when: {
          all: [
            { field: "segment", op: "eq", value: "enterprise" },
            { field: "region", op: "in", value: ["NA"] },
            { not: { field: "tags", op: "contains", value: "student" } },
          ],
        },
        action: { type: "queue", queue: "ent" },
        sla: "2h",
      },
      {
        key: "big-mm",
        name: "Large mid-market",
        intent: "capacity",
        appliesTo: ["lead"],
        when: {
          any: [
            { field: "employees", op: "between", value: [1000, 1999] },
            { field: "budget", op: "gte", ref: "min_budget" },
          ],
        },
        action: { type: "queue", queue: "wrr" },
      },
      {
        key: "recent-signup",
        name: "Recent sign-ups",
        intent: "custom:plg",
        appliesTo: ["lead"],
        when: { field: "signed_up_at", op: "gte", value: "2026-03-01" },
        action: { type: "queue", queue: "least" },
      },
      {
        key: "disabled",
        name: "Disabled rule",
        intent: "territory",
        appliesTo: ["lead"],
        enabled: false,
        action: { type: "assign_member", member: "nobody" },
      },
      {
        key: "smb",
        name: "SMB waits",
        intent: "capacity",
        appliesTo: ["lead"],
        when: { field: "segment", op: "eq", value: "smb" },
        action: { type: "queue", queue: "review" },
      },
    ],
    queues: [
      {
        key: "ent",
        name: "Enterprise",
        distribution: "round_robin",
        members: [{ member: "ann" }, { member: "bob" }, { member: "cat" }],
        overflow: "review",
        sla: "1h",
      },
      {
        key: "wrr",
        name: "Weighted",
        distribution: "weighted_round_robin",
        members: [
          { member: "ann", weight: 3 },
          { member: "bob", weight: 1 },
        ],
      },
      {
        key: "least",
        name: "Least loaded",
        distribution: "least_loaded",
        members: [{ member: "ann" }, { member: "bob" }, { member: "cat", cap: 2 }],
      },
      { key: "overflow-q", name: "Owner away", members: [{ member: "dan" }] },
      { key: "review", name: "Review" },
      { key: "exceptions", name: "Exceptions" },
    ],
    fallback: { queue: "review", sla: "8h" },
    exceptions: { queue: "exceptions", duplicates: "exception" },
  };
}

export function fixtureState(): RoutingState {
  const m = (load: number, extra: object = {}) => ({ active: true, load, capacity: 10, ...extra });
  return {
    members: {
      ann: m(5),
      bob: m(1),
      cat: m(0),
      dan: m(0),
      vera: m(0),
      owner1: m(0),
      owner2: m(0, { outOfOfficeFrom: "2026-03-01T00:00:00Z", outOfOfficeUntil: "2026-03-09T00:00:00Z" }),
    },
    queues: {},
  };
}
