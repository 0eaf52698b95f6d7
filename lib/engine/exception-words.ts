/**
 * The exception codes in words, once: a label for lists and filters, the reason in a sentence
 * ("…because nobody who could take it was available"), and a short noun for sentences about
 * many records ("3 leads go to Exceptions (nobody available)"). Typed by the code list, so a new
 * code without its words fails the typecheck.
 */
import type { ExceptionCode } from "./types";

export interface ExceptionWords {
  label: string;
  because: string;
  noun: string;
}

export const EXCEPTION_WORDS: Record<ExceptionCode, ExceptionWords> = {
  MISSING_INPUT: { label: "Missing input", because: "information routing needs is missing", noun: "missing information" },
  INVALID_INPUT: {
    label: "Invalid input",
    because: "some of its information is not in a form routing can read",
    noun: "unreadable information",
  },
  INVALID_RECORD: { label: "Invalid record", because: "the record itself could not be read", noun: "an unreadable record" },
  DUPLICATE: { label: "Duplicate account", because: "its company looks like a duplicate of another account", noun: "a duplicate account" },
  NO_AVAILABLE_ASSIGNEE: { label: "Nobody available", because: "nobody who could take it was available", noun: "nobody available" },
  OWNER_INACTIVE: {
    label: "Owner inactive",
    because: "the owner routing would give it to is no longer active",
    noun: "an inactive owner",
  },
  UNKNOWN_OWNER: {
    label: "Owner not a member",
    because: "the owner on the account is not someone routing knows",
    noun: "an owner routing does not know",
  },
};

/** The words of a stored code (a code from an older release may be unknown here). */
export function exceptionWords(code: string | null | undefined): ExceptionWords | null {
  return code && Object.hasOwn(EXCEPTION_WORDS, code) ? EXCEPTION_WORDS[code as ExceptionCode] : null;
}
