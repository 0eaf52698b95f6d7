import { expect, test } from "@playwright/test";
import { signIn, submitDraftFromLive, USERS } from "./helpers";

test("REVOPS runs a submitted version in shadow: live routing is unchanged, the report and the decision show what it would have done", async ({
  page,
}) => {
  test.slow();
  await signIn(page, USERS.REVOPS);
  // The candidate: SMB leads to the SDR team first. A draft cannot run in shadow; once submitted it can.
  const panel = page.getByRole("region", { name: "Shadow mode" });
  const { url: versionUrl, number: n } = await submitDraftFromLive(
    page,
    (y) => y.replace("queue: smb-pool", "queue: sdr-inbound"),
    "SMB leads go to the SDR team first; trying it in shadow before review.",
    async () => {
      await expect(panel).toContainText("Submit this version to run it in shadow.");
      await expect(panel.getByRole("button", { name: "Run in shadow" })).toHaveCount(0);
    },
  );

  await panel.getByRole("button", { name: "Run in shadow" }).click();
  await expect(panel.getByTestId("shadow-status")).toContainText("In shadow since");
  await expect(panel).toContainText("running");
  await page.goto("/policies");
  await expect(page.getByTestId("shadow-banner")).toContainText(`v${n} is running in shadow`);
  await page.screenshot({ path: "test-results/shadow-banner.png" });

  // Live traffic: an SMB lead still goes to the SMB pool, and its decision says what v{n} would have done.
  await page.goto("/decisions");
  await page.getByText("Route a record by hand").click();
  const form = page.getByRole("form", { name: "Route a record" });
  await form
    .getByLabel("Record fields")
    .fill("email_domain: shadow-smb.example\nsegment: smb\nregion: NA\nfit_score: 60\nlead_source: content");
  await form.getByRole("button", { name: "Route" }).click();
  await expect(page).toHaveURL(/\/decisions\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("explanation")).toContainText("smb-pool");
  const difference = page.getByTestId("shadow-difference");
  await expect(difference).toContainText(`v${n} would have decided otherwise`);
  await expect(difference).toContainText("assigned:queue:smb-pool → assigned:queue:sdr-inbound");
  await page.screenshot({ path: "test-results/shadow-decision.png" });

  // The report on the version counts it, with the example linked to its decision.
  await page.goto(versionUrl);
  const result = panel.getByTestId("shadow-result");
  await expect(result).toContainText(/[1-9]\d* of [1-9][\d,]* live decisions would have routed differently/);
  await expect(result).toContainText("assigned:queue:smb-pool → assigned:queue:sdr-inbound");
  await page.screenshot({ path: "test-results/shadow-report.png", fullPage: true });

  await panel.getByRole("button", { name: "Stop shadow" }).click();
  await expect(panel.getByTestId("shadow-status")).toContainText("stopped by hand");
  await expect(panel.getByRole("button", { name: "Run in shadow again" })).toBeVisible();
  await panel.screenshot({ path: "test-results/shadow-stopped.png" });
  await page.goto("/policies");
  await expect(page.getByTestId("shadow-banner")).toHaveCount(0);
});
