import { useEffect, useRef, useState } from "preact/hooks";
import type { MessageKey } from "../i18n/catalog";
import { useI18n } from "../i18n/i18n";

// The workspace's keyboard shortcuts: single keys, active while the focus is not in a field
// (so typing a reply never triggers one), listed in a dialog on "?". Each screen passes the
// actions it has; the dialog lists only those.

export interface Shortcut {
  key: string; // KeyboardEvent.key, e.g. "a", "/"
  label: MessageKey;
  run: () => void;
}

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function Shortcuts({ shortcuts }: { shortcuts: Shortcut[] }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const current = useRef(shortcuts);
  current.current = shortcuts;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (dialog.current?.open) return; // the dialog has the keyboard (Escape closes it)
      if (event.key === "?") {
        event.preventDefault();
        dialog.current?.showModal();
        setOpen(true);
        return;
      }
      const found = current.current.find((s) => s.key === event.key.toLowerCase() || s.key === event.key);
      if (found) {
        event.preventDefault();
        found.run();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const close = () => {
    dialog.current?.close();
    setOpen(false);
  };

  return (
    <>
      <p class="muted shortcut-hint">
        <button
          type="button"
          class="link"
          onClick={() => {
            dialog.current?.showModal();
            setOpen(true);
          }}
        >
          {t("ws.shortcuts.open")}
        </button>
      </p>
      <dialog ref={dialog} class="dialog" aria-labelledby="shortcuts-title" onClose={() => setOpen(false)}>
        <h2 id="shortcuts-title">{t("ws.shortcuts.title")}</h2>
        {open && (
          <table class="shortcuts">
            <thead>
              <tr>
                <th scope="col">{t("ws.shortcuts.key")}</th>
                <th scope="col">{t("ws.shortcuts.action")}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>
                  <kbd>?</kbd>
                </td>
                <td>{t("ws.shortcuts.help")}</td>
              </tr>
              {shortcuts.map((s) => (
                <tr key={s.key}>
                  <td>
                    <kbd>{s.key}</kbd>
                  </td>
                  <td>{t(s.label)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <button type="button" onClick={close}>
          {t("ws.shortcuts.close")}
        </button>
      </dialog>
    </>
  );
}

/** Focus an element by id (a shortcut's target: the search box, the reply box). */
export function focusId(id: string): void {
  const element = document.getElementById(id);
  element?.focus();
  element?.scrollIntoView?.({ block: "center" });
}
