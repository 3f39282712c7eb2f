import { ApiProblem, NetworkError } from "../core/api";
import { useI18n } from "../i18n/i18n";

/** An error as the person can act on it: the API's problem title and detail, as it wrote them
 * (and each invalid field of a 422), or that the service could not be reached. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  let title = t("error.title");
  let detail: string | undefined;
  let fields: string[] = [];
  if (error instanceof ApiProblem) {
    title = error.problem.title || t("error.status", { status: error.status });
    detail = error.problem.detail;
    fields = (error.problem.errors ?? []).map((item) =>
      [item.field ?? (Array.isArray(item.loc) ? item.loc.join(".") : ""), item.msg ?? item.message ?? ""].filter(Boolean).join(": "),
    );
  } else if (error instanceof NetworkError) {
    detail = t("error.network");
  } else if (error instanceof Error) {
    detail = error.message;
  }
  return (
    <div class="alert" role="alert">
      <p class="alert-title">{title}</p>
      {detail && <p>{detail}</p>}
      {fields.length > 0 && (
        <ul>
          {fields.map((field) => (
            <li key={field}>{field}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
