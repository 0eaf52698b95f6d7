"use client";

import { inputClass } from "./use-schema-form";

/** A select over a const list with its labels (reasons, categories, resolutions…). */
export function EnumSelect<T extends string>({
  label,
  value,
  values,
  labels,
  onChange,
  onBlur,
  invalid,
  placeholder = "Choose…",
}: {
  label: string;
  value: string;
  values: readonly T[];
  labels: Record<T, string>;
  onChange: (v: string) => void;
  onBlur?: () => void;
  invalid?: boolean;
  placeholder?: string;
}) {
  return (
    <select
      aria-label={label}
      className={inputClass}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      aria-invalid={invalid}
    >
      <option value="">{placeholder}</option>
      {values.map((v) => (
        <option key={v} value={v}>
          {labels[v]}
        </option>
      ))}
    </select>
  );
}
