import { describeEvidence, type FieldVocabulary } from "@/lib/engine/explain";
import { WHY_NOT_STATUS_WORDS, whyNotForField, type WhyNotResult } from "@/lib/engine/why-not";
import { Badge } from "@/components/ui/badge";

const STATUS_TONE = {
  got_it: "green",
  conditions_failed: "gray",
  earlier_rule_won: "amber",
  suppressed: "violet",
  input_exception: "amber",
  not_the_relationship: "gray",
  member_unavailable: "amber",
  distribution_chose_another: "blue",
} as const;

/**
 * The nearest rules that could have given the record to the viewer, each with what differed.
 * With `words` (the field's view) every line is a sentence with rules, people and queues by
 * name; otherwise RevOps' view with rule keys and the engine's evidence.
 */
export function WhyNotMe({ result, name, words }: { result: WhyNotResult; name: (key: string) => string; words?: FieldVocabulary }) {
  if (result.candidates.length === 0) {
    return (
      <p className="px-5 py-4 text-sm text-slate-600">
        No rule in this version can route a record like this to you: you are not in any queue it uses, not named in a rule, and not the
        owner, CSM or partner owner of the account.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="why-not-me">
      {result.candidates.slice(0, 5).map((c) => (
        <li key={c.ruleKey} className="px-5 py-3">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={STATUS_TONE[c.status]}>{words ? WHY_NOT_STATUS_WORDS[c.status] : c.status.replace(/_/g, " ")}</Badge>
            <span className="font-medium">{c.ruleName}</span>
            {words ? null : (
              <>
                <span className="font-mono text-xs text-slate-500">{c.ruleKey}</span>
                <span className="text-xs text-slate-500">({c.how})</span>
              </>
            )}
          </div>
          {words ? (
            <p className="mt-1 text-slate-700">{whyNotForField(c, result.decision, words)}</p>
          ) : (
            <>
              <p className="mt-1 text-slate-700">{c.message.replace(/[a-z0-9.-]+@[a-z0-9.-]+/g, (k) => name(k))}</p>
              {c.failed.length ? (
                <ul className="mt-1 ml-5 list-disc text-xs text-slate-600">
                  {c.failed.map((e, i) => (
                    <li key={i}>{describeEvidence(e)}</li>
                  ))}
                </ul>
              ) : null}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
