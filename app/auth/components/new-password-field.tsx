import type { FieldMetadata } from "@conform-to/react";
import { useState } from "react";
import { PasswordChecklist } from "~/auth/components/password-checklist";
import { InputField } from "~/ui/field";

/**
 * A field where someone chooses a password (sign-up, reset, change), with the password rules
 * under it that tick as they are met. The browser is told it is a new password, so password
 * managers offer to generate and save one.
 */
export function NewPasswordField({ meta, label }: { meta: FieldMetadata<string>; label: string }) {
  const [password, setPassword] = useState<string>();
  return (
    <InputField
      meta={meta}
      label={label}
      type="password"
      autoComplete="new-password"
      onChange={(event) => setPassword(event.currentTarget.value)}
      hint={<PasswordChecklist password={password} />}
    />
  );
}
