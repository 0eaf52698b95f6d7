import { expect, test } from "@playwright/test";
import { mainNav, signIn, USERS } from "./helpers";

test("ADMIN invites a user linked to a routing member; they set a password through the link and sign in; disabled, they are signed out at once", async ({
  browser,
}) => {
  test.slow();
  const admin = await browser.newPage();
  await signIn(admin, USERS.ADMIN);
  await admin.goto("/admin/users");
  const invite = admin.getByRole("form", { name: "Invite a user" });
  await invite.getByLabel("Work email").fill("not-an-email");
  await invite.getByLabel("Name").focus();
  await expect(invite.getByText("Enter a valid email address, like name@company.com.")).toBeVisible();
  await invite.getByLabel("Work email").fill("aarav.user@lumendata.example");
  await invite.getByLabel("Name").fill("Aarav Mehta");
  await invite.getByLabel("Role").selectOption("FIELD");
  await invite.getByLabel("Routing member").selectOption({ label: "Aarav Mehta · Enterprise Account Executive" });
  await invite.getByRole("button", { name: "Invite" }).click();
  const link = (await admin.getByTestId("one-time-link").innerText()).trim();
  expect(link).toMatch(/\/set-password\/[A-Za-z0-9_-]{43}$/);
  await expect(admin.getByTestId("users-table")).toContainText("aarav.user@lumendata.example");
  await expect(admin.getByTestId("users-table").getByRole("row", { name: /aarav\.user/ })).toContainText("Invited");
  await admin.screenshot({ path: "test-results/users-invited.png", fullPage: true });

  // The invitee, signed out, in their own browser.
  const context = await browser.newContext();
  const invitee = await context.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "Welcome, Aarav Mehta" })).toBeVisible();
  const form = invitee.getByRole("form", { name: "Set your password" });
  await form.getByLabel("New password").fill("short");
  await form.getByLabel("Confirm password").focus();
  await expect(form.getByText("Use at least 12 characters.")).toBeVisible();
  await form.getByLabel("New password").fill("enterprise apac is mine");
  await form.getByLabel("Confirm password").fill("enterprise apac is mine!");
  await form.getByRole("button", { name: "Set password" }).click();
  await expect(form.getByText("The two passwords differ.")).toBeVisible();
  await form.getByLabel("Confirm password").fill("enterprise apac is mine");
  await form.getByRole("button", { name: "Set password" }).click();
  await expect(invitee.getByText("Your password is set.")).toBeVisible();
  await invitee.screenshot({ path: "test-results/set-password-done.png" });

  // The link works once.
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "This link no longer works" })).toBeVisible();

  await signIn(invitee, "aarav.user@lumendata.example", "enterprise apac is mine");
  await expect(mainNav(invitee).getByRole("link", { name: "My assignments" })).toBeVisible();
  await expect(invitee.getByTestId("current-role")).toHaveText("Field");

  // Disabled: the next request is signed out.
  await admin.goto("/admin/users");
  await admin.getByRole("link", { name: "Edit Aarav Mehta" }).click();
  const edit = admin.getByRole("form", { name: "Edit Aarav Mehta" });
  await edit.getByLabel(/Disabled/).check();
  await edit.getByRole("button", { name: "Save Aarav Mehta" }).click();
  await expect(admin.getByTestId("users-table").getByRole("row", { name: /aarav\.user/ })).toContainText("Disabled");
  await invitee.goto("/my-assignments");
  await expect(invitee).toHaveURL(/\/signin/);
  await admin.goto("/audit");
  await expect(admin.getByText("Changed aarav.user@lumendata.example: disabled (signed out)")).toBeVisible();
  await context.close();
});
