"use client";
// One transient message per view (a failed save, "no newer session"). Errors use role="alert" so screen
// readers announce them; everything is plain text.
import { useCallback, useEffect, useState } from "react";

export interface ToastMessage {
  id: number;
  text: string;
  kind: "error" | "info";
}

let nextToastId = 0;

const VISIBLE_MS = { error: 8_000, info: 3_000 } as const;

export function useToast(): {
  toast: ToastMessage | null;
  showToast: (text: string, kind?: ToastMessage["kind"]) => void;
  dismiss: () => void;
} {
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const showToast = useCallback((text: string, kind: ToastMessage["kind"] = "error") => {
    setToast({ id: ++nextToastId, text, kind });
  }, []);
  const dismiss = useCallback(() => setToast(null), []);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(
      () => setToast((current) => (current?.id === toast.id ? null : current)),
      VISIBLE_MS[toast.kind],
    );
    return () => clearTimeout(timer);
  }, [toast]);
  return { toast, showToast, dismiss };
}

export function Toast({ toast, onDismiss }: { toast: ToastMessage | null; onDismiss: () => void }) {
  if (!toast) return null;
  const tone =
    toast.kind === "error"
      ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      : "border-zinc-300 bg-white text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";
  return (
    <div
      data-testid="toast"
      role={toast.kind === "error" ? "alert" : "status"}
      className={`fixed right-4 bottom-4 z-50 flex max-w-md items-start gap-3 rounded-md border px-4 py-3 text-sm shadow-lg ${tone}`}
    >
      <span className="break-words">{toast.text}</span>
      <button
        type="button"
        onClick={onDismiss}
        className="ml-auto text-xs opacity-70 hover:opacity-100"
        aria-label="Dismiss"
      >
        ✕
      </button>
    </div>
  );
}
