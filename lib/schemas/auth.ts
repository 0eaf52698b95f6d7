import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your work email.").email("Enter a valid email address, like name@company.com.").toLowerCase(),
  password: z.string().min(1, "Enter your password.").max(200, "That password is too long."),
  callbackUrl: z.string().optional(),
});
export type SignInInput = z.infer<typeof signInSchema>;
