import { useNavigation } from "react-router";
import { cx } from "./cx";

/** A slim bar at the top of the page while a navigation or form submission is in flight. */
export function ProgressBar() {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  return (
    <div
      role="progressbar"
      aria-label="Loading"
      aria-hidden={!busy}
      className="pointer-events-none fixed inset-x-0 top-0 z-50 h-0.5 overflow-hidden"
    >
      <div
        className={cx(
          "h-full bg-indigo-500 transition-all ease-out",
          busy ? "w-4/5 opacity-100 duration-[2000ms]" : "w-full opacity-0 duration-300",
        )}
      />
    </div>
  );
}
