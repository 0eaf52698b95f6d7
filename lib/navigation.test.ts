import { describe, expect, it } from "vitest";
import { navFor } from "./navigation";

describe("navFor", () => {
  it.each([
    ["FIELD", ["My assignments", "Disputes", "Changelog"]],
    [
      "REVOPS",
      [
        "Policies",
        "Test suite",
        "Decisions",
        "Exceptions",
        "Disputes",
        "Insights",
        "Changelog",
        "Members & queues",
        "Accounts",
        "Audit",
        "Routing API",
      ],
    ],
    [
      "APPROVER",
      [
        "Policies",
        "Test suite",
        "Decisions",
        "Exceptions",
        "Disputes",
        "Insights",
        "Changelog",
        "Members & queues",
        "Accounts",
        "Audit",
        "Routing API",
      ],
    ],
    [
      "ADMIN",
      [
        "Policies",
        "Test suite",
        "Decisions",
        "Exceptions",
        "Disputes",
        "Insights",
        "Changelog",
        "Members & queues",
        "Accounts",
        "Audit",
        "Routing API",
        "Users",
        "API keys",
        "Webhooks",
      ],
    ],
  ] as const)("%s sees %j", (role, labels) => {
    expect(navFor(role, role === "FIELD").map((i) => i.label)).toEqual(labels);
  });

  it("hides My assignments from a FIELD user who is not linked to a member", () => {
    expect(navFor("FIELD", false).map((i) => i.label)).toEqual(["Disputes", "Changelog"]);
  });
});
