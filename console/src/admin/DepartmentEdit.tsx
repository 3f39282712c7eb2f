import { useEffect, useState } from "preact/hooks";
import { useApp } from "../core/context";
import type { ScreenProps } from "../core/router";
import { useAreaI18n } from "../i18n/area";
import { Loading } from "../ui/Screen";
import { useAsync } from "../ui/useAsync";
import { changeDepartment, createDepartment, department, type DepartmentFields } from "./api";
import { DirectoryScreen, useDirectorySave } from "./DirectoryForm";
import { MESSAGES } from "./messages";

const SLUGS = /^\s*([a-z0-9][a-z0-9_-]{0,63}\s*(,\s*[a-z0-9][a-z0-9_-]{0,63}\s*)*)?$/;
const slugs = (text: string) => text.split(",").map((part) => part.trim()).filter(Boolean);

/** A department: what it handles (categories and products: where tickets are dispatched). */
export default function DepartmentEdit({ params }: ScreenProps) {
  const { api } = useApp();
  const t = useAreaI18n(MESSAGES);
  const editId = params.id ?? "";
  const isNew = !editId;
  const existing = useAsync(() => (isNew ? Promise.resolve(undefined) : department(api, editId)), [editId]);
  const [id, setId] = useState("");
  const [name, setName] = useState("");
  const [categories, setCategories] = useState("");
  const [products, setProducts] = useState("");
  const { busy, error, save: saveWith } = useDirectorySave();
  useEffect(() => {
    const d = existing.data;
    if (!d) return;
    setName(d.name);
    setCategories(d.categories.join(", "));
    setProducts(d.products.join(", "));
  }, [existing.data]);

  const valid = SLUGS.test(categories) && SLUGS.test(products);
  const save = async (event: Event) => {
    event.preventDefault();
    const fields: DepartmentFields = { name: name.trim(), categories: slugs(categories), products: slugs(products) };
    const known = existing.data;
    await saveWith(() =>
      known ? changeDepartment(api, known.department_id, known.revision, fields) : createDepartment(api, id.trim(), fields),
    );
  };

  if (existing.loading) return <Loading />;
  return (
    <DirectoryScreen title={isNew ? t("department.new") : t("department.edit", { name: existing.data?.name ?? editId })} error={existing.error ?? error}>
      <form class="form" onSubmit={save}>
        {isNew && (
          <>
            <label for="department-id">{t("department.id")}</label>
            <input id="department-id" required pattern="[a-z0-9][a-z0-9_\-]{0,63}" value={id} onInput={(e) => setId(e.currentTarget.value)} />
          </>
        )}
        <label for="department-name">{t("directory.name")}</label>
        <input id="department-name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <label for="department-categories">{t("directory.categories")}</label>
        <input id="department-categories" aria-describedby="department-hint" value={categories} onInput={(e) => setCategories(e.currentTarget.value)} />
        <label for="department-products">{t("directory.products")}</label>
        <input id="department-products" aria-describedby="department-hint" value={products} onInput={(e) => setProducts(e.currentTarget.value)} />
        <p id="department-hint" class={valid ? "muted" : "alert-title"}>
          {t("department.hint")}
        </p>
        <button type="submit" disabled={busy || !valid}>
          {t("agent.save")}
        </button>
      </form>
    </DirectoryScreen>
  );
}
