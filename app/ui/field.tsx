import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { cx } from "./cx";

export const inputClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-500 focus:ring-2 focus:ring-indigo-600 focus:ring-inset aria-invalid:ring-red-500 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-700 dark:placeholder:text-slate-400 dark:focus:ring-indigo-400";

export const labelClass = "block text-sm font-medium text-slate-800 dark:text-slate-200";

/** `action`: a way out shown with the errors (and read with them), e.g. a link to sign in. */
export function FieldErrors({ id, errors, action }: { id: string; errors?: string[]; action?: React.ReactNode }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1.5 space-y-0.5 text-sm text-red-700 dark:text-red-400">
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
      {action ? <li>{action}</li> : null}
    </ul>
  );
}

/** Form-level errors (credentials, limits): announced to screen readers. */
export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div
      id={id}
      role="alert"
      className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200 dark:bg-red-950/60 dark:text-red-200 dark:ring-red-900"
    >
      {errors.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  );
}

interface FieldProps<T> {
  meta: FieldMetadata<T>;
  label: string;
  hint?: React.ReactNode;
  className?: string;
  /** Shown under the field's errors, only while there are some. */
  errorAction?: React.ReactNode;
}

function describedBy(meta: FieldMetadata<unknown>, hint: unknown) {
  return cx(hint ? meta.descriptionId : null, meta.errors?.length ? meta.errorId : null) || undefined;
}

export function InputField<T>({
  meta,
  label,
  hint,
  className,
  errorAction,
  type = "text",
  ...props
}: FieldProps<T> & { type?: "text" | "email" | "password" | "date" | "time" | "search" } & Omit<
    React.InputHTMLAttributes<HTMLInputElement>,
    "type"
  >) {
  const inputProps = getInputProps(meta, { type });
  return (
    <div className={className}>
      <label htmlFor={meta.id} className={labelClass}>
        {label}
      </label>
      <input
        {...inputProps}
        key={inputProps.key}
        {...props}
        aria-describedby={describedBy(meta, hint)}
        className={cx(inputClass, "mt-1.5")}
      />
      {hint ? (
        <div id={meta.descriptionId} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </div>
      ) : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} action={errorAction} />
    </div>
  );
}

export function TextareaField<T>({
  meta,
  label,
  hint,
  className,
  ...props
}: FieldProps<T> & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const textareaProps = getTextareaProps(meta);
  return (
    <div className={className}>
      <label htmlFor={meta.id} className={labelClass}>
        {label}
      </label>
      <textarea
        {...textareaProps}
        key={textareaProps.key}
        rows={4}
        {...props}
        aria-describedby={describedBy(meta, hint)}
        className={cx(inputClass, "mt-1.5")}
      />
      {hint ? (
        <div id={meta.descriptionId} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </div>
      ) : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField<T>({
  meta,
  label,
  hint,
  className,
  options,
  ...props
}: FieldProps<T> & { options: { value: string; label: string }[] } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const selectProps = getSelectProps(meta);
  return (
    <div className={className}>
      <label htmlFor={meta.id} className={labelClass}>
        {label}
      </label>
      <select
        {...selectProps}
        key={selectProps.key}
        {...props}
        aria-describedby={describedBy(meta, hint)}
        className={cx(inputClass, "mt-1.5")}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A checkbox with its label beside it, as the account forms' options ("sign out my other sessions"). */
export function CheckboxField<T>({
  meta,
  label,
  onChange,
}: {
  meta: FieldMetadata<T>;
  label: React.ReactNode;
  onChange?: React.ChangeEventHandler<HTMLInputElement>;
}) {
  return (
    <div className="flex items-start gap-2.5">
      <input
        {...getInputProps(meta, { type: "checkbox" })}
        key={meta.key}
        onChange={onChange}
        className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600 focus:ring-2 focus:ring-indigo-600 dark:border-slate-600 dark:bg-slate-900"
      />
      <label htmlFor={meta.id} className="text-sm text-slate-800 dark:text-slate-200">
        {label}
      </label>
    </div>
  );
}
