import { expect, type Page } from "@playwright/test";

export const PASSWORD = "switchyard-demo";
export const USERS = {
  ADMIN: "admin@lumendata.example",
  REVOPS: "revops@lumendata.example",
  APPROVER: "approver@lumendata.example",
  FIELD: "dana.ruiz@lumendata.example",
} as const;

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

export function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}

/** From Policies: a new draft from live with its YAML edited, autosaved, then submitted with `note`. Returns the version's URL and number. */
export async function submitDraftFromLive(
  page: Page,
  edit: (yaml: string) => string,
  note: string,
  beforeSubmit?: () => Promise<void>,
): Promise<{ url: string; number: number }> {
  await page.goto("/policies");
  await page.getByRole("button", { name: "New draft from live" }).click();
  await expect(page).toHaveURL(/\/policies\/versions\//);
  const url = page.url();
  const number = Number(/^v(\d+)/.exec(await page.getByRole("heading", { level: 1 }).innerText())![1]);
  await page.getByRole("link", { name: "Edit as YAML", exact: true }).click();
  const editor = page.getByLabel("Policy YAML");
  await editor.fill(edit(await editor.inputValue()));
  await expect(page.getByTestId("save-state")).toContainText("All changes saved");
  await page.getByRole("link", { name: "Overview" }).click();
  await beforeSubmit?.();
  await page.getByLabel("Change note for the field").fill(note);
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText("In review", { exact: true })).toBeVisible();
  return { url, number };
}
