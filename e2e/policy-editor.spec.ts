import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

test("the form editor: edit a rule's action and conditions, reorder, see the suite follow, autosave", async ({ page }) => {
  await signIn(page, USERS.REVOPS);
  await page.goto("/policies");
  await page.getByRole("button", { name: "New draft from live" }).click();
  await expect(page).toHaveURL(/\/policies\/versions\//);
  await page.getByRole("link", { name: "Edit", exact: true }).click();

  const suite = page.getByTestId("live-suite");
  await expect(suite).toContainText("17 passed · 0 failed");
  const rules = page.getByTestId("rules-list");

  // Send SMB new logos to SDRs: a canonical case fails at once, before anything is saved.
  await rules.getByRole("button", { name: "Edit smb-new-logo" }).click();
  const form = page.getByTestId("rule-form");
  await form.getByLabel("Queue").selectOption("sdr-inbound");
  await expect(suite).toContainText("16 passed · 1 failed");
  await expect(suite).toContainText("SMB demo request goes to the least-loaded SMB rep");
  await form.getByLabel("Queue").selectOption("smb-pool");
  await expect(suite).toContainText("17 passed · 0 failed");

  // Add a condition with the builder: operators and values follow the field's type.
  await form.getByRole("button", { name: "+ condition" }).click();
  const row = form.getByTestId("condition-row").last();
  await row.getByLabel("Field").selectOption("fit_score");
  await row.getByLabel("Operator").selectOption("gte");
  await row.getByLabel("Value").fill("10");
  await expect(rules).toContainText("fit_score ≥ 10");
  await expect(page.getByTestId("save-state")).toContainText("All changes saved");

  // Move the last rule up one place.
  await rules.getByRole("button", { name: "Move smb-new-logo up" }).click();
  await expect(rules.locator("li").nth(15)).toContainText("SMB new logos go to the SMB pool");
  await expect(page.getByTestId("save-state")).toContainText("All changes saved");

  // Delete a rule: the suite shows what it protected; Undo puts it back in its place.
  await rules.getByRole("button", { name: "Delete partner-owned-account" }).click();
  await expect(page.getByTestId("deleted-undo")).toContainText("Deleted rule Partner-owned accounts go to their partner manager");
  await expect(suite).toContainText(/ · [1-9]\d* failed/);
  await page.getByTestId("deleted-undo").getByRole("button", { name: "Undo" }).click();
  await expect(page.getByTestId("deleted-undo")).toHaveCount(0);
  await expect(suite).toContainText("17 passed · 0 failed");
  await expect(rules.locator("li").nth(5)).toContainText("Partner-owned accounts go to their partner manager");
  await expect(page.getByTestId("save-state")).toContainText("All changes saved");

  // The version's overview shows both changes in plain words.
  await page.getByRole("link", { name: "Overview" }).click();
  await expect(page.getByTestId("plain-summary")).toContainText("added condition: fit_score ≥ 10");
  await expect(page.getByTestId("plain-summary")).toContainText('Rule "SMB new logos go to the SMB pool" moved');
});
