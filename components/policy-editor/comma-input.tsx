"use client";

import { useState } from "react";
import { field } from "./styles";

/** A comma-separated list typed freely: the text stays as typed, the parts go to onChange. */
export function CommaInput({
  values,
  onChange,
  label,
  className = "",
}: {
  values: string[];
  onChange: (parts: string[]) => void;
  label: string;
  className?: string;
}) {
  const [text, setText] = useState(values.join(", "));
  return (
    <input
      aria-label={label}
      className={`${field} ${className}`}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(
          e.target.value
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean),
        );
      }}
    />
  );
}
