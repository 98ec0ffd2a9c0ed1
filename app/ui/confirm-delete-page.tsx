import { Form, Link, useNavigation } from "react-router";
import { Button, buttonClass } from "./button";

interface ConfirmDeletePageProps {
  title: string;
  /** What will be deleted, and that it is for good. */
  children: React.ReactNode;
  /** Where the deletion is posted, with these hidden fields (name, value). */
  action: string;
  fields: readonly (readonly [string, string])[];
  /** The button's words, and the name and value it posts when it carries one. */
  confirm: { label: string; name?: string; value?: string };
  /** Where Cancel goes. */
  back: string;
}

/** The page that asks before deleting when JavaScript is off: Delete posts, Cancel goes back. */
export function ConfirmDeletePage({ title, children, action, fields, confirm, back }: ConfirmDeletePageProps) {
  const navigation = useNavigation();
  return (
    <div className="mx-auto max-w-lg space-y-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      {children}
      <Form method="post" action={action} className="flex flex-wrap gap-3">
        {fields.map(([name, value], index) => (
          <input key={`${name}-${index}`} type="hidden" name={name} value={value} />
        ))}
        <Button
          type="submit"
          name={confirm.name}
          value={confirm.value}
          variant="danger"
          pending={navigation.state === "submitting"}
        >
          {confirm.label}
        </Button>
        <Link to={back} className={buttonClass("secondary")}>
          Cancel
        </Link>
      </Form>
    </div>
  );
}
