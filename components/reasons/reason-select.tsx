"use client";
// A select over the reason vocabulary (the sessions filter bar and the Export page), "" meaning any.
import { useReasons } from "./use-reasons";

export function ReasonSelect({
  value,
  onChange,
  className,
  label,
  anyText,
  testId,
}: {
  value: string;
  onChange: (reason: string) => void;
  className: string;
  label: string;
  anyText: string;
  testId?: string;
}) {
  const { reasons } = useReasons();
  const known = reasons.some((reason) => reason.id === value);
  return (
    <select
      aria-label={label}
      data-testid={testId}
      className={className}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{anyText}</option>
      {reasons.map((reason) => (
        <option key={reason.id} value={reason.id}>
          {reason.title}
        </option>
      ))}
      {value && !known && <option value={value}>{value}</option>}
    </select>
  );
}
