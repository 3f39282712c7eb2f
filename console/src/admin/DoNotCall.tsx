import { useState } from "preact/hooks";
import { ApiProblem } from "../core/api";
import { useApp } from "../core/context";
import { useAreaI18n } from "../i18n/area";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Screen } from "../ui/Screen";
import { listNumber, lookUpNumber, unlistNumber, type DoNotCall as Listed } from "./api";
import { MESSAGES } from "./messages";
import { AdminNav } from "./Nav";

/** The do-not-call list, a number at a time (the API has no list of it). */
export default function DoNotCall() {
  const { api } = useApp();
  const { formatDate } = useI18n();
  const t = useAreaI18n(MESSAGES);
  const [number, setNumber] = useState("");
  const [reason, setReason] = useState("");
  const [found, setFound] = useState<Listed | null | undefined>();
  const [error, setError] = useState<unknown>();
  const [told, setTold] = useState("");

  const run = async (what: () => Promise<void>) => {
    setError(undefined);
    setTold("");
    try {
      await what();
    } catch (caught) {
      setError(caught);
    }
  };
  const lookUp = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      try {
        setFound(await lookUpNumber(api, number.trim()));
      } catch (caught) {
        if (caught instanceof ApiProblem && caught.status === 404) setFound(null);
        else throw caught;
      }
    });
  };
  const add = () =>
    void run(async () => {
      setFound(await listNumber(api, number.trim(), reason));
      setTold(t("dnc.added", { number: number.trim() }));
    });
  const remove = () =>
    void run(async () => {
      await unlistNumber(api, number.trim());
      setFound(null);
      setTold(t("dnc.removed", { number: number.trim() }));
    });

  return (
    <Screen title={t("dnc.title")}>
      <AdminNav current="/admin/do-not-call" />
      <p>{t("dnc.intro")}</p>
      <form onSubmit={lookUp}>
        <label for="dnc-number">{t("dnc.number")}</label>
        <div class="row">
          <input id="dnc-number" type="tel" required value={number} onInput={(e) => setNumber(e.currentTarget.value)} autoComplete="off" />
          <button type="submit">{t("dnc.lookUp")}</button>
        </div>
      </form>
      <ErrorMessage error={error} />
      {found && (
        <div class="card">
          <p>
            <strong>{t("dnc.listed", { number: found.number })}</strong>
          </p>
          <p>
            {found.reason || "–"} · {found.added_by} · {formatDate(found.added_at)}
          </p>
          <button type="button" class="secondary" onClick={remove}>
            {t("dnc.remove")}
          </button>
        </div>
      )}
      {found === null && (
        <div class="card">
          <p>{t("dnc.notListed")}</p>
          <label for="dnc-reason">{t("dnc.reason")}</label>
          <input id="dnc-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="button" onClick={add}>
            {t("dnc.add")}
          </button>
        </div>
      )}
      <p role="status" class={told ? "success" : undefined}>
        {told}
      </p>
    </Screen>
  );
}
