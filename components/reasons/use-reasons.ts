"use client";
// The reason vocabulary for the UI: loaded once per page from GET /api/reasons and shared by every component
// that asks (one request, one list); `save` replaces it on the server (PUT /api/reasons).
import { useEffect, useState } from "react";
import { DEFAULT_REASONS, type Reason } from "@/lib/shared/reasons";
import { getReasons, putReasons } from "../api";

let loaded: Promise<Reason[]> | null = null;
const listeners = new Set<(reasons: Reason[]) => void>();
let latest: Reason[] | null = null;

function announce(reasons: Reason[]): void {
  latest = reasons;
  for (const listener of listeners) listener(reasons);
}

export function useReasons(): { reasons: Reason[]; save: (reasons: Reason[]) => Promise<void> } {
  const [reasons, setReasons] = useState<Reason[]>(latest ?? [...DEFAULT_REASONS]);
  useEffect(() => {
    listeners.add(setReasons);
    loaded ??= getReasons().then(({ reasons: list }) => list);
    loaded.then(announce, () => {
      loaded = null; // try again on the next mount; the defaults stand meanwhile
    });
    return () => {
      listeners.delete(setReasons);
    };
  }, []);
  const save = async (next: Reason[]): Promise<void> => {
    const { reasons: saved } = await putReasons(next);
    loaded = Promise.resolve(saved);
    announce(saved);
  };
  return { reasons, save };
}
