import { useNavigation } from "react-router";

/**
 * True while a form post is in flight (and while its redirect loads). With `intent`, only
 * for the form that posted that intent, so one busy form does not disable the others.
 */
export function usePendingSubmission(intent?: string): boolean {
  const navigation = useNavigation();
  if (navigation.state === "idle" || !navigation.formData) return false;
  return intent === undefined || navigation.formData.get("intent") === intent;
}
