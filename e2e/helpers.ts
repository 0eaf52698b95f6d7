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
