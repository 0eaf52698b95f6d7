import { hasPermission, type Permission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "./current-user";

/** Defence in depth: data-layer writes check the permission again, whoever calls them. */
export function assertCan(user: Pick<CurrentUser, "role">, permission: Permission, what: string): void {
  if (!hasPermission(user.role, permission)) throw new AppError("FORBIDDEN", `Your role cannot ${what}.`);
}
