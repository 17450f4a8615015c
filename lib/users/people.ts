// The people list the UI and the export offer: everyone with a login (users.jsonl) or a label in the index.
import { listLabelAuthors } from "@/db/queries/labels";
import type { Store } from "@/db/store";
import type { PeopleView } from "@/lib/shared/people";
import { journalsOf } from "@/lib/journals/journals";

export async function readPeople(store: Store, dataDir: string, me: string): Promise<PeopleView> {
  const people = new Map<string, PeopleView["people"][number]>();
  const entry = (name: string): PeopleView["people"][number] => {
    const found = people.get(name) ?? { name, labels: 0, has_login: false };
    people.set(name, found);
    return found;
  };
  for (const name of journalsOf(dataDir).users.current().people.keys()) entry(name).has_login = true;
  for (const { author, labels } of await listLabelAuthors({ store })) entry(author).labels = labels;
  entry(me);
  return { me, people: [...people.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}
