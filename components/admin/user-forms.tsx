"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { inviteUserAction, passwordLinkAction, updateUserAction } from "@/app/(console)/admin/users/actions";
import { ShownOnce } from "@/components/ui/shown-once";
import { inputClass, secondaryButton, useSchemaForm } from "@/components/ui/use-schema-form";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import { inviteUserInput, updateUserInput } from "@/lib/schemas/users";

interface MemberChoice {
  id: string;
  label: string;
  linkedTo: string | null;
}

/** A one-time link, shown once with a copy button (only its hash is stored). */
function OneTimeLink({ token, expiresAt, what }: { token: string; expiresAt: string; what: string }) {
  const url = `${typeof window === "undefined" ? "" : window.location.origin}/set-password/${token}`;
  const until = new Date(expiresAt).toLocaleDateString("en-US", { dateStyle: "medium" });
  return (
    <ShownOnce
      message={`${what} Send them this link; it works once, until ${until}, and is not shown again.`}
      value={url}
      testId="one-time-link"
      copyLabel="Copy link"
    />
  );
}

function RoleSelect({
  value,
  onChange,
  invalid,
  disabled = false,
}: {
  value: Role;
  onChange: (r: Role) => void;
  invalid: boolean;
  disabled?: boolean;
}) {
  return (
    <select
      aria-label="Role"
      className={inputClass}
      value={value}
      onChange={(e) => onChange(e.target.value as Role)}
      disabled={disabled}
      aria-invalid={invalid}
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </select>
  );
}

function MemberSelect({
  value,
  onChange,
  members,
  self,
  invalid,
}: {
  value: string;
  onChange: (v: string) => void;
  members: MemberChoice[];
  self?: string;
  invalid: boolean;
}) {
  return (
    <select
      aria-label="Routing member"
      className={inputClass}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={invalid}
    >
      <option value="">— not a routing member —</option>
      {members.map((m) => (
        <option key={m.id} value={m.id} disabled={m.linkedTo !== null && m.linkedTo !== self}>
          {m.label}
          {m.linkedTo && m.linkedTo !== self ? ` (linked to ${m.linkedTo})` : ""}
        </option>
      ))}
    </select>
  );
}

/** Invite someone: their account exists at once; they set their own password through the link. */
export function InviteUserForm({ members }: { members: MemberChoice[] }) {
  const router = useRouter();
  const f = useSchemaForm(inviteUserInput, { email: "", name: "", role: "FIELD" as Role, memberId: "" });
  const [link, setLink] = useState<{ token: string; expiresAt: string; email: string } | null>(null);
  return (
    <div className="space-y-4">
      {link ? <OneTimeLink token={link.token} expiresAt={link.expiresAt} what={`${link.email} is invited.`} /> : null}
      <form
        aria-label="Invite a user"
        className="space-y-1"
        onSubmit={f.onSubmit(inviteUserAction, (d) => {
          setLink(d);
          f.setValues({ email: "", name: "", role: "FIELD", memberId: "" });
          router.refresh();
        })}
      >
        <label className="block text-sm font-medium text-slate-700">
          Work email
          <input
            aria-label="Work email"
            className={inputClass}
            value={f.values.email}
            onChange={(e) => f.set({ email: e.target.value })}
            onBlur={() => f.validate()}
            aria-invalid={f.invalid("email")}
          />
          {f.fieldError("email")}
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Name
          <input
            aria-label="Name"
            className={inputClass}
            value={f.values.name}
            onChange={(e) => f.set({ name: e.target.value })}
            onBlur={() => f.validate()}
            aria-invalid={f.invalid("name")}
          />
          {f.fieldError("name")}
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Role
          <RoleSelect value={f.values.role} onChange={(role) => f.set({ role })} invalid={f.invalid("role")} />
          {f.fieldError("role")}
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Routing member {f.values.role === "FIELD" ? "(what they see: their assignments and why)" : "(optional)"}
          <MemberSelect
            value={f.values.memberId}
            onChange={(memberId) => f.set({ memberId })}
            members={members}
            invalid={f.invalid("memberId")}
          />
          {f.fieldError("memberId")}
        </label>
        {f.submitRow("Invite", "Inviting…")}
      </form>
    </div>
  );
}

/** Role, routing member and access of one user; a password-reset link. */
export function EditUserForm({
  user,
  members,
  isSelf,
}: {
  user: { id: string; email: string; name: string; role: Role; memberId: string | null; disabled: boolean; invited: boolean };
  members: MemberChoice[];
  isSelf: boolean;
}) {
  const router = useRouter();
  const f = useSchemaForm(updateUserInput, { id: user.id, role: user.role, memberId: user.memberId ?? "", disabled: user.disabled });
  const [link, setLink] = useState<{ token: string; expiresAt: string } | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const [linking, startLink] = useTransition();
  return (
    <div className="space-y-4">
      <form
        aria-label={`Edit ${user.name}`}
        className="grid grid-cols-1 gap-x-4 md:grid-cols-3"
        onSubmit={f.onSubmit(updateUserAction, () => {
          router.push("/admin/users");
          router.refresh();
        })}
      >
        <label className="block text-sm font-medium text-slate-700">
          Role
          <RoleSelect value={f.values.role} onChange={(role) => f.set({ role })} invalid={f.invalid("role")} disabled={isSelf} />
          {f.fieldError("role")}
        </label>
        <label className="block text-sm font-medium text-slate-700 md:col-span-2">
          Routing member
          <MemberSelect
            value={f.values.memberId}
            onChange={(memberId) => f.set({ memberId })}
            members={members}
            self={user.email}
            invalid={f.invalid("memberId")}
          />
          {f.fieldError("memberId")}
        </label>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700 md:col-span-3">
          <input type="checkbox" checked={f.values.disabled} disabled={isSelf} onChange={(e) => f.set({ disabled: e.target.checked })} />{" "}
          Disabled — cannot sign in; signed out at once
        </label>
        {f.fieldError("disabled")}
        <div className="flex items-center gap-3 md:col-span-3">
          {f.submitRow(`Save ${user.name}`, "Saving…")}
          <Link href="/admin/users" className="text-sm text-slate-600 hover:underline">
            Cancel
          </Link>
        </div>
      </form>
      <div className="space-y-2 border-t border-slate-100 pt-3">
        {link ? (
          <OneTimeLink
            token={link.token}
            expiresAt={link.expiresAt}
            what={
              user.invited
                ? "A new invitation link (the old one no longer works)."
                : "A password-reset link (their current password works until they set a new one)."
            }
          />
        ) : null}
        <button
          type="button"
          className={secondaryButton}
          disabled={linking || user.disabled}
          onClick={() =>
            startLink(async () => {
              setLinkError(null);
              const r = await passwordLinkAction({ id: user.id });
              if (r.ok) setLink(r.data);
              else setLinkError(r.error.message);
            })
          }
        >
          {linking ? "Creating…" : user.invited ? "New invitation link" : "Password-reset link"}
        </button>
        {linkError ? (
          <p role="alert" className="text-sm text-rose-600">
            {linkError}
          </p>
        ) : null}
      </div>
    </div>
  );
}
