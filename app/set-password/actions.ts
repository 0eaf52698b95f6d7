"use server";

import { setPasswordInput } from "@/lib/schemas/users";
import { publicAction } from "@/lib/server/auth/with-permission";
import { setPasswordWithLink } from "@/lib/server/users/manage-users";

/** Sets a password through an invitation or reset link (the link's token is the authorisation). */
export const setPasswordAction = publicAction(setPasswordInput, (input) => setPasswordWithLink(input));
