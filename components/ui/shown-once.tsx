import { CopyButton } from "@/components/policies/copy-button";

/** A secret or link shown once, with a copy button (only its hash is stored): API keys, webhook secrets, invitation links. */
export function ShownOnce({ message, value, testId, copyLabel }: { message: string; value: string; testId: string; copyLabel: string }) {
  return (
    <div role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm">
      <p className="font-medium text-emerald-900">{message}</p>
      <div className="mt-2 flex items-center gap-2">
        <code data-testid={testId} className="block flex-1 overflow-x-auto rounded bg-white px-2 py-1 font-mono text-xs">
          {value}
        </code>
        <CopyButton text={value} label={copyLabel} />
      </div>
    </div>
  );
}
