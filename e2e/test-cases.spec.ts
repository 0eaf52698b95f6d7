import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

test("RevOps adds a test case with inline validation, sees it run, clones and deletes it", async ({ page }) => {
  await signIn(page, USERS.REVOPS);
  await page.goto("/test-suite");
  await page.getByRole("link", { name: "New test case" }).click();
  const form = page.getByRole("form", { name: "Test case" });
  await form.getByLabel("Key").fill("Bad Key");
  await form.getByLabel("What it checks").focus();
  await expect(form.getByText("Use lowercase letters, digits and dashes")).toBeVisible();
  await form.getByLabel("Key").fill("apac-smb-demo");
  await form.getByLabel("What it checks").fill("APAC SMB demo request goes to the SMB pool");
  await form.getByLabel("Record type").selectOption("demo_request");
  await form.getByLabel("Record fields (YAML)").fill("segment: smb\nregion: APAC\nfit_score: [oops");
  await form.getByLabel("Tags (comma separated)").focus();
  await expect(form.getByText(/line \d/)).toBeVisible();
  await form.getByLabel("Record fields (YAML)").fill("segment: smb\nregion: APAC\nfit_score: 80");
  await form.getByLabel("Tags (comma separated)").fill("new-logo, apac");
  await form.getByLabel("Expected queue").selectOption("smb-pool");
  await form.getByLabel("Expected rule").selectOption("smb-new-logo");
  await form.getByRole("button", { name: "Add test case" }).click();

  await expect(page).toHaveURL(/\/test-suite$/);
  const row = page.getByTestId("suite-cases").locator("li", { hasText: "APAC SMB demo request goes to the SMB pool" });
  await expect(row.getByLabel("passes")).toBeVisible();

  await row.getByRole("button", { name: "Clone" }).click();
  const copy = page.getByTestId("suite-cases").locator("li", { hasText: "APAC SMB demo request goes to the SMB pool (copy)" });
  await expect(copy).toBeVisible();
  await copy.getByRole("button", { name: "Delete" }).click();
  await expect(copy).toHaveCount(0);
});
