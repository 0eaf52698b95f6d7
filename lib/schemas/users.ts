/** User management (Admin → Users) and the one-time links people set their password with. */
import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";

const email = z
  .string()
  .trim()
  .min(1, "Enter their work email.")
  .email("Enter a valid email address, like name@company.com.")
  .max(200)
  .toLowerCase();
const role = z.enum(ROLES, { error: "Choose a role." });
/** A routing member's id, or "" for none. */
const memberId = z.string().trim().max(60).default("");

export const inviteUserInput = z.object({
  email,
  name: z.string().trim().min(2, "Enter their name.").max(120),
  role,
  memberId,
});
export type InviteUserInput = z.infer<typeof inviteUserInput>;

export const updateUserInput = z.object({
  id: z.string().min(1),
  role,
  memberId,
  disabled: z.boolean(),
});
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const userIdInput = z.object({ id: z.string().min(1) });

export const MIN_PASSWORD_LENGTH = 12;

/** Setting a password through an invitation or reset link. */
export const setPasswordInput = z
  .object({
    token: z.string().min(20).max(200),
    password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`).max(200, "That password is too long."),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ." });
export type SetPasswordInput = z.infer<typeof setPasswordInput>;
