// Reasons: the vocabulary of reason tags (keys 1–9 on a turn), editable; stored in <data>/reasons.jsonl.
import { ReasonsEditor } from "@/components/reasons/reasons-editor";

export default function ReasonsPage() {
  return (
    <main className="mx-auto max-w-5xl px-6 py-6">
      <h1 className="text-2xl font-semibold">Reasons</h1>
      <p className="mt-2 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">
        Why a turn was good or bad. In a session, keys <kbd>1</kbd>–<kbd>9</kbd> toggle the first nine on the
        focused turn. Reasons filter the sessions list and the export, and the Overview counts the bad ones. A
        reason removed here stays on the turns that carry it.
      </p>
      <ReasonsEditor />
    </main>
  );
}
