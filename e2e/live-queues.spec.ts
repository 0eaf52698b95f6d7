import { expect, test } from "@playwright/test";
import { signIn, submitDraftFromLive, USERS } from "./helpers";

// Members & queues shows the live version's queues: a queue a publish adds appears with the
// weights and caps the policy gives it (weight 0: in the pool, receives none).
test("a publish that adds a queue shows it on Members & queues, with the live weights and caps", async ({ browser }) => {
  test.slow();
  const revops = await browser.newPage();
  await signIn(revops, USERS.REVOPS);
  await revops.goto("/members?tab=queues");
  await expect(revops.getByTestId("queues-list")).toBeVisible();
  await expect(revops.getByTestId("queue-renewals-desk")).toHaveCount(0);

  const added = [
    "queues:",
    "  - key: renewals-desk",
    "    name: Renewals desk",
    "    description: Renewal questions from customers without a CSM, worked by two CSMs.",
    "    distribution: weighted_round_robin",
    "    overflow: routing-review",
    "    sla: 4h",
    "    members:",
    "      - { member: olivia.turner@lumendata.example, weight: 3, cap: 12 }",
    "      - { member: rafael.costa@lumendata.example, weight: 0 }",
    "",
  ].join("\n");
  const { url, number: n } = await submitDraftFromLive(
    revops,
    (y) => y.replace(/^queues:\n/m, added),
    "Adds a renewals desk queue worked by two CSMs (one in the pool at weight 0 for now).",
  );

  // An admin reviews it (not the author) and publishes it. The routing-in-operation tests before
  // this one leave a disputed case failing on purpose: the admin publishes with a reason.
  const admin = await browser.newPage();
  await signIn(admin, USERS.ADMIN);
  await admin.goto(url);
  await admin.getByLabel("Review comment").fill("Fine to add.");
  await admin.getByRole("button", { name: "Approve" }).click();
  const reason = admin.getByLabel("Reason to publish with failures");
  await expect(admin.getByText("Every test case passes on this version.").or(reason)).toBeVisible();
  if (await reason.isVisible()) await reason.fill("The failing case is a dispute under review, unrelated to this queue.");
  await admin.getByRole("button", { name: `Publish v${n}` }).click();
  await admin.getByRole("button", { name: `Confirm: publish v${n}` }).click();
  await expect(admin.getByText("Routing the field now", { exact: true })).toBeVisible();

  await revops.goto("/members?tab=queues");
  await expect(revops.getByTestId("queues-source")).toContainText(`v${n}`);
  const desk = revops.getByTestId("queue-renewals-desk");
  await expect(desk).toContainText("Renewals desk");
  await expect(desk).toContainText("Renewal questions from customers without a CSM");
  await expect(desk).toContainText("Weighted round robin");
  await expect(desk).toContainText("SLA 4 h");
  await expect(desk).toContainText("overflow to Routing review");
  await expect(desk.getByText(/Olivia Turner ×3 · cap 12/)).toBeVisible();
  await expect(desk.getByText(/Rafael Costa ×0/)).toBeVisible();
  await desk.screenshot({ path: "test-results/live-queue-added.png" });

  // The members list names the live queues with each member's weight there.
  await revops.goto("/members?q=Rafael");
  await expect(revops.getByTestId("members-table")).toContainText("renewals-desk ×0");
  await revops.screenshot({ path: "test-results/members-live-queues.png", fullPage: true });
});
