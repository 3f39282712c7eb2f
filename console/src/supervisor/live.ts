// The live channel (docs/monitor.md): a single-use ticket from POST /monitor/live-tickets, in the
// console's language, opens the WebSocket; each {"type": "snapshot"} replaces the figures, each
// {"type": "alert"} is told once. A socket that closes is opened again with a fresh ticket; one
// that cannot open at all leaves the page polling GET /monitor/queues and /monitor/agents every
// 15 s, trying the socket again each minute. A socket that keeps closing right after it opened
// is opened again after 2, 4, ... up to 30 seconds.

import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiClient } from "../core/api";
import type { Language } from "../i18n/catalog";
import { liveTicket, snapshotNow, type LiveAlert, type Snapshot } from "./api";

export type LiveMode = "connecting" | "live" | "polling";

export const POLL_MS = 15_000;
const RETRY_SOCKET_MS = 60_000;
const REOPEN_MS = 1_000;

export interface Live {
  snapshot: Snapshot | undefined;
  alerts: (LiveAlert & { at: string; key: number })[];
  mode: LiveMode;
  error: unknown;
}

export function useLive(api: ApiClient, language: Language): Live {
  const [snapshot, setSnapshot] = useState<Snapshot>();
  const [alerts, setAlerts] = useState<Live["alerts"]>([]);
  const [mode, setMode] = useState<LiveMode>("connecting");
  const [error, setError] = useState<unknown>();
  const counter = useRef(0);

  useEffect(() => {
    let disposed = false;
    let socket: WebSocket | null = null;
    let poller: number | undefined;
    let retry: number | undefined;
    let quickCloses = 0; // sockets that closed within 5 s of opening: wait longer each time

    const poll = async () => {
      try {
        const now = await snapshotNow(api);
        if (!disposed) {
          setSnapshot(now);
          setError(undefined);
        }
      } catch (caught) {
        if (!disposed) setError(caught);
      }
    };
    const startPolling = () => {
      if (disposed) return;
      setMode("polling");
      if (poller === undefined) poller = window.setInterval(() => void poll(), POLL_MS);
      retry = window.setTimeout(() => void open(), RETRY_SOCKET_MS);
    };
    const stopPolling = () => {
      if (poller !== undefined) window.clearInterval(poller);
      poller = undefined;
    };

    const open = async () => {
      if (disposed) return;
      let url: string;
      try {
        url = (await liveTicket(api, language)).url;
      } catch (caught) {
        if (!disposed) setError(caught);
        startPolling();
        return;
      }
      if (disposed) return;
      let opened = false;
      let openedAt = 0;
      try {
        socket = new WebSocket(url);
      } catch {
        startPolling();
        return;
      }
      socket.onopen = () => {
        opened = true;
        openedAt = Date.now();
        stopPolling();
        setMode("live");
        void poll(); // the figures now; the channel pushes the next ones
      };
      socket.onmessage = (event: MessageEvent) => {
        let message: { type?: string } & Record<string, unknown>;
        try {
          message = JSON.parse(String(event.data)) as typeof message;
        } catch {
          return;
        }
        if (message.type === "snapshot") setSnapshot(message as unknown as Snapshot);
        else if (message.type === "alert") {
          const alert = message as unknown as LiveAlert;
          counter.current += 1;
          const entry = { ...alert, at: new Date().toISOString(), key: counter.current };
          setAlerts((before) => [entry, ...before].slice(0, 50));
        }
      };
      socket.onclose = () => {
        socket = null;
        if (disposed) return;
        if (opened) {
          quickCloses = Date.now() - openedAt < 5_000 ? quickCloses + 1 : 0;
          setMode("connecting");
          retry = window.setTimeout(() => void open(), Math.min(30_000, REOPEN_MS * 2 ** quickCloses));
        } else startPolling();
      };
    };

    void poll();
    void open();
    return () => {
      disposed = true;
      stopPolling();
      if (retry !== undefined) window.clearTimeout(retry);
      socket?.close();
    };
  }, [api, language]);

  return { snapshot, alerts, mode, error };
}
