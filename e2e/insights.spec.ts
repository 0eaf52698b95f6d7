import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

test("REVOPS reads routing health from charts with CSV exports and the fairness ledger; FIELD cannot open it", async ({
  page,
  browser,
}) => {
  await signIn(page, USERS.REVOPS);
  await page.goto("/insights");
  const outcomes = page.getByTestId("chart-outcomes");
  await expect(outcomes.locator("svg.recharts-surface").first()).toBeVisible();
  await expect(outcomes.locator(".recharts-bar-rectangle").first()).toBeVisible();
  const csv = decodeURIComponent((await outcomes.getByRole("link", { name: "CSV" }).getAttribute("href"))!.split(",").slice(1).join(","));
  expect(csv.split("\n")[0]).toBe("day,assigned,queued,suppressed,exception,total");
  expect(csv.split("\n")).toHaveLength(29);
  await expect(page.getByTestId("chart-rates").locator(".recharts-line").first()).toBeVisible();
  // Missing inputs are counted from the stored decisions' JSON (json_array_elements_text).
  const missing = page.getByRole("region", { name: "Missing inputs by field" });
  await expect(missing.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await missing.scrollIntoViewIfNeeded();
  await missing.screenshot({ path: "test-results/insights-missing-inputs.png" });
  const ledger = page.getByTestId("fairness-ledger");
  await ledger.getByRole("button", { name: "Enterprise AEs — EMEA" }).click();
  await expect(ledger.getByRole("cell", { name: "Dana Ruiz" })).toBeVisible();
  await page.getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/days=7/);

  const field = await browser.newPage();
  await signIn(field, USERS.FIELD);
  expect((await field.goto("/insights"))?.status()).toBe(403);
  // A rep sees their own team's ledger.
  await field.goto("/my-assignments");
  await field.getByRole("link", { name: "Fairness (my team)" }).click();
  const mine = field.getByTestId("fairness-ledger");
  await expect(mine.getByRole("cell", { name: "Dana Ruiz" })).toBeVisible();
  await expect(mine.getByRole("button")).toHaveText(["Enterprise AEs — EMEA"]);
});

test("REVOPS sets the post-publish monitor's thresholds with inline validation; they persist", async ({ page }) => {
  await signIn(page, USERS.REVOPS);
  await page.goto("/insights");
  const form = page.getByRole("form", { name: "Monitor thresholds" });
  const ratio = form.getByLabel("Volume multiple");
  await expect(ratio).toHaveValue("3");
  await ratio.fill("1");
  await ratio.blur();
  await expect(form.getByText("Volume multiple: at least 1.1.")).toBeVisible();
  await ratio.fill("4");
  await expect(form.getByText("Volume multiple: at least 1.1.")).toHaveCount(0);
  await form.getByRole("button", { name: "Save thresholds" }).click();
  await expect(form.getByRole("status")).toContainText("Saved.");
  await form.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/monitor-thresholds.png" });
  await page.reload();
  await expect(page.getByRole("form", { name: "Monitor thresholds" }).getByLabel("Volume multiple")).toHaveValue("4");
  // Back to the default for the tests that follow.
  await page.getByRole("form", { name: "Monitor thresholds" }).getByLabel("Volume multiple").fill("3");
  await page.getByRole("form", { name: "Monitor thresholds" }).getByRole("button", { name: "Save thresholds" }).click();
  await expect(page.getByRole("form", { name: "Monitor thresholds" }).getByRole("status")).toContainText("Saved.");
});
