import { expect, test } from "@playwright/test";
import { signIn, submitDraftFromLive, USERS } from "./helpers";

test("a publish that floods a queue raises the post-publish banner; one click rolls it back", async ({ browser, request }) => {
  test.slow();
  // RevOps writes the flooding change: SMB leads to the SDR team.
  const revops = await browser.newPage();
  await signIn(revops, USERS.REVOPS);
  const { url: versionUrl, number: n } = await submitDraftFromLive(
    revops,
    (y) => y.replace("queue: smb-pool", "queue: sdr-inbound"),
    "SMB leads go to the SDR team first.",
  );

  // An admin reviews it (not the author); the SMB case fails on it, so they publish with a reason.
  // (The approver's sign-in is blocked by the brute-force test by now.)
  const admin = await browser.newPage();
  await signIn(admin, USERS.ADMIN);
  await admin.goto(versionUrl);
  await admin.getByLabel("Review comment").fill("Try it.");
  await admin.getByRole("button", { name: "Approve" }).click();
  await admin.getByLabel("Reason to publish with failures").fill("SDR pilot agreed with sales leadership.");
  await admin.getByRole("button", { name: `Publish v${n}` }).click();
  await admin.getByRole("button", { name: `Confirm: publish v${n}` }).click();
  await expect(admin.getByText("Routing the field now", { exact: true })).toBeVisible();

  // SMB traffic arrives through the API: it floods the SDR team.
  await admin.goto("/admin/api-keys");
  await admin.getByLabel("Key name").fill("E2E monitor traffic");
  await admin.getByRole("button", { name: "Create key" }).click();
  const key = (await admin.getByTestId("new-api-key").innerText()).trim();
  const records = Array.from({ length: 30 }, (_, i) => ({
    id: `e2e-flood-${i}`,
    type: "lead",
    fields: { email_domain: `flood-${i}.example`, segment: "smb", region: "NA", fit_score: 60, lead_source: "content" },
  }));
  const routed = await request.post("/api/v1/route/batch", { data: { records }, headers: { authorization: `Bearer ${key}` } });
  expect(routed.status()).toBe(201);

  // The worker's next check raises the alert: the banner on Policies (and Insights) names the queue.
  const banner = admin.getByTestId("publish-alert");
  await expect(async () => {
    await admin.goto("/policies");
    await expect(banner).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(banner).toContainText(`v${n}`);
  await expect(banner).toContainText(/Queue (sdr-inbound|routing-review) got \d+ records after the publish/);
  await admin.goto("/insights");
  await expect(banner).toBeVisible();
  await admin.screenshot({ path: "test-results/monitor-banner.png" });

  await expect(banner.getByRole("button", { name: /^Roll back to v\d+$/ })).toBeVisible();

  // The live version's monitor card offers the same one-click rollback, the alerts as its reason.
  await admin.goto(versionUrl);
  const card = admin.getByTestId("monitor-card");
  await expect(card).toContainText("Thresholds:");
  await expect(card.getByTestId("monitor-rollback")).toContainText("An emergency step");
  await card.screenshot({ path: "test-results/monitor-card.png" });
  await card.getByRole("button", { name: /^Roll back to v\d+$/ }).click();
  await expect(admin).not.toHaveURL(versionUrl);
  await expect(admin.getByText("Routing the field now", { exact: true })).toBeVisible();
  await admin.goto(versionUrl);
  await expect(admin.getByTestId("monitor-rollback")).toHaveCount(0);
  await admin.goto("/policies");
  await expect(admin.getByTestId("publish-alert")).toHaveCount(0);
  await expect(admin.getByTestId("live-version")).not.toHaveText(`v${n}`);
  await admin.getByTestId("live-version").click();
  await expect(admin.getByText(/Rollback reason: Post-publish monitor:/)).toBeVisible();
});
