import { useEffect, useRef, useState } from "react";
import { Form, Link, useNavigate } from "react-router";
import { buttonClass } from "~/ui/button";
import { inputClass, labelClass } from "~/ui/field";
import { LabelBadge } from "~/labels/label-badge";
import type { Label } from "~/labels/label-schema";
import { PRIORITY_OPTIONS } from "~/tasks/priority";
import {
  defaultOrder,
  ORDER_OPTIONS,
  readTaskListQuery,
  SEARCH_MAX,
  SORT_OPTIONS,
  STATUS_OPTIONS,
  type TaskSort,
} from "./task-list-query";
import { hasChosenFilters, taskListBase, taskListHref, type TaskListView } from "./task-list-url";

const SEARCH_DELAY_MS = 300;

/**
 * Filters, search and sort as a GET form: the URL is the state, so a view can be bookmarked
 * and works without JavaScript. With JavaScript, choices apply at once, the search applies
 * as you type, and the URL is written without empty or default values. On phones the
 * selects fold into a disclosure, open when one of them is in use.
 */
export function TaskFilters({
  view,
  categories,
  labels,
}: {
  view: TaskListView;
  categories: string[];
  labels: readonly Label[];
}) {
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const searchTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // Whether this search (since the field was focused) already added a history entry.
  const searchPushed = useRef(false);
  // The search text of the last view asked for.
  const appliedSearch = useRef(view.q ?? "");
  const choicesInUse = countChoicesInUse(view);
  // Decided once: the disclosure never folds away under the user's cursor.
  const [choicesOpenAtFirst] = useState(choicesInUse > 0);

  // The inputs are uncontrolled; when the URL changes (a link, back/forward) they follow it,
  // except the one being used, so typing is never overwritten by a slower response.
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const values: Record<string, string> = {
      q: view.q ?? "",
      status: view.status,
      priority: view.priority ?? "",
      repeating: view.repeating ?? "",
      assignee: view.assignee ?? "",
      category: view.category ?? "",
      sort: view.sort,
      order: view.order ?? defaultOrder(view.sort),
    };
    for (const [name, value] of Object.entries(values)) {
      const element = form.elements.namedItem(name);
      if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement)) continue;
      // The search field being typed in keeps its text while the list catches up with it,
      // but follows the URL when it moves elsewhere (Back, a link).
      const typing = name === "q" && value === appliedSearch.current;
      if (element === document.activeElement && (name !== "q" || typing)) continue;
      element.value = value;
      if (name === "q") appliedSearch.current = value;
    }
    const chosen = new Set(view.label.map((name) => name.toLowerCase()));
    for (const box of form.querySelectorAll<HTMLInputElement>('input[name="label"]'))
      box.checked = chosen.has(box.value.toLowerCase());
  }, [view]);

  useEffect(() => () => clearTimeout(searchTimer.current), []);

  const apply = (options: { replace?: boolean } = {}) => {
    clearTimeout(searchTimer.current);
    const form = formRef.current;
    if (!form) return;
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === "string") params.append(name, value);
    const query = readTaskListQuery(params);
    appliedSearch.current = query.q ?? "";
    // A new filter starts again at page 1, in the same project (its page's path, not a field).
    navigate(taskListHref({ ...query, project: view.project, page: 1 }), {
      replace: options.replace,
      preventScrollReset: true,
    });
  };

  return (
    <Form
      ref={formRef}
      method="get"
      action={taskListBase(view)}
      role="search"
      aria-label="Filter and sort tasks"
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        apply({ replace: searchPushed.current });
      }}
    >
      <div>
        <label htmlFor="filter-q" className={labelClass}>
          Search
        </label>
        <input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={view.q ?? ""}
          placeholder="Title or description"
          maxLength={SEARCH_MAX}
          className={`${inputClass} mt-1.5`}
          onFocus={() => {
            searchPushed.current = false;
          }}
          onChange={() => {
            clearTimeout(searchTimer.current);
            // The first result of a search gets its own history entry, so Back returns to the
            // list as it was; later keystrokes replace it, so Back does not replay each one.
            searchTimer.current = setTimeout(() => {
              apply({ replace: searchPushed.current });
              searchPushed.current = true;
            }, SEARCH_DELAY_MS);
          }}
        />
      </div>
      <details className="always-open-from-sm" open={choicesOpenAtFirst || undefined}>
        <summary className="cursor-pointer rounded text-sm font-medium text-indigo-700 select-none hover:text-indigo-600 dark:text-indigo-300 dark:hover:text-indigo-200">
          Filter and sort
          {choicesInUse > 0 ? (
            <span className="text-slate-600 dark:text-slate-400"> ({choicesInUse} in use)</span>
          ) : null}
        </summary>
        <div className="mt-3 grid grid-cols-2 gap-3 sm:mt-0 sm:grid-cols-3 lg:grid-cols-5">
          <FilterSelect label="Status" name="status" value={view.status} onChange={() => apply()}>
            <Options options={STATUS_OPTIONS} />
          </FilterSelect>
          <FilterSelect label="Priority" name="priority" value={view.priority ?? ""} onChange={() => apply()}>
            <option value="">Any</option>
            <Options options={PRIORITY_OPTIONS} />
          </FilterSelect>
          <FilterSelect label="Repeating" name="repeating" value={view.repeating ?? ""} onChange={() => apply()}>
            <option value="">Any</option>
            <option value="true">Repeating</option>
            <option value="false">Not repeating</option>
          </FilterSelect>
          {/* Shared projects (decision 095): a member's id works in the URL too. */}
          <FilterSelect label="Assignee" name="assignee" value={view.assignee ?? ""} onChange={() => apply()}>
            <option value="">Anyone</option>
            <option value="me">Assigned to me</option>
            <option value="none">Unassigned</option>
          </FilterSelect>
          <FilterSelect label="Category" name="category" value={view.category ?? ""} onChange={() => apply()}>
            <option value="">Any</option>
            {categories.map((category) => (
              <option key={category} value={category}>
                {category}
              </option>
            ))}
            {/* A bookmarked category the user no longer has still shows what is applied. */}
            {view.category && !categories.includes(view.category) ? (
              <option value={view.category}>{view.category}</option>
            ) : null}
          </FilterSelect>
          <FilterSelect
            label="Sort by"
            name="sort"
            value={view.sort}
            onChange={(event) => {
              // Each sort has a natural direction (newest, soonest, most important, A to Z).
              const order = formRef.current?.elements.namedItem("order");
              if (order instanceof HTMLSelectElement) order.value = defaultOrder(event.currentTarget.value as TaskSort);
              apply();
            }}
          >
            <Options options={SORT_OPTIONS} />
          </FilterSelect>
          <FilterSelect
            label="Order"
            name="order"
            value={view.order ?? defaultOrder(view.sort)}
            onChange={() => apply()}
          >
            <Options options={ORDER_OPTIONS} />
          </FilterSelect>
        </div>
        {labels.length > 0 || view.label.length > 0 ? (
          <LabelFilter labels={labels} chosen={view.label} onChange={() => apply()} />
        ) : null}
      </details>
      <div className="flex items-center gap-3">
        {/* Needed without JavaScript; with it every choice applies at once, so it only shows on
            focus. Decided by CSS, not on hydration: the section keeps its height as the page hydrates. */}
        <span className="focus-within:not-sr-only scripting:sr-only">
          <button type="submit" className={buttonClass("secondary")}>
            Apply
          </button>
        </span>
        {hasChosenFilters(view) ? (
          <Link
            to={taskListBase(view)}
            className="text-sm font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300"
          >
            Clear filters
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

/** How many of the folded choices (status, priority, repeating, assignee, category, labels, sort) differ from the defaults. */
function countChoicesInUse(view: TaskListView): number {
  const sorted = view.sort !== "created" || (view.order !== undefined && view.order !== defaultOrder(view.sort));
  return [
    view.status !== "all",
    Boolean(view.priority),
    Boolean(view.repeating),
    Boolean(view.assignee),
    Boolean(view.category),
    view.label.length > 0,
    sorted,
  ].filter(Boolean).length;
}

/** One checkbox per label: the list shows tasks that carry every label ticked. */
function LabelFilter({
  labels,
  chosen,
  onChange,
}: {
  labels: readonly Label[];
  chosen: string[];
  onChange: () => void;
}) {
  const chosenKeys = new Set(chosen.map((name) => name.toLowerCase()));
  const known = new Set(labels.map((label) => label.name.toLowerCase()));
  // A bookmarked label the user no longer has still shows what is applied.
  const unknown = chosen.filter((name) => !known.has(name.toLowerCase()));
  const options = [
    ...labels.map((label) => ({ name: label.name, color: label.color })),
    ...unknown.map((name) => ({ name, color: "gray" as const })),
  ];
  return (
    <fieldset className="mt-3">
      <legend className={labelClass}>Labels (tasks with all of them)</legend>
      <ul className="mt-1.5 flex flex-wrap gap-x-4 gap-y-2">
        {options.map((option, index) => (
          <li key={option.name} className="flex min-w-0 items-center gap-2">
            <input
              type="checkbox"
              id={`filter-label-${index}`}
              name="label"
              value={option.name}
              defaultChecked={chosenKeys.has(option.name.toLowerCase())}
              onChange={onChange}
              className="size-4 shrink-0 rounded border-slate-400 accent-indigo-600 dark:accent-indigo-400"
            />
            <label htmlFor={`filter-label-${index}`} className="min-w-0">
              <LabelBadge name={option.name} color={option.color} />
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function Options({ options }: { options: readonly { value: string; label: string }[] }) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}

function FilterSelect({
  label,
  name,
  value,
  onChange,
  children,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (event: React.ChangeEvent<HTMLSelectElement>) => void;
  children: React.ReactNode;
}) {
  const id = `filter-${name}`;
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} onChange={onChange} className={`${inputClass} mt-1.5`}>
        {children}
      </select>
    </div>
  );
}
