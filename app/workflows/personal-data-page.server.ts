import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import type { ErasurePreview, ErasureResult } from "~/components/erasure-page.tsx";
import { pseudonymName, type ErasureActor } from "~/domain/personal-data.ts";
import { erasePersonSchema } from "~/forms/erase-person.ts";
import { parseForm } from "~/forms/parse.ts";
import { notFound } from "~/http/access.server.ts";
import { t } from "~/i18n/sv.ts";
import { erasurePreview, findErased, findPerson } from "~/models/personal-data.server.ts";
import { erasePersonAs } from "./personal-data.server.ts";

/**
 * The erasure page's loader and action, shared by a municipality's user page (`municipalityId`:
 * only its members) and the operator console (`null`: anyone). The action redirects to the same
 * page with `?klar=1`, which shows the pseudonym once the person is erased.
 */
const DONE = "klar";

function parseUserId(raw: string | undefined): string {
  const id = z.uuid().safeParse(raw);
  if (!id.success) throw notFound();
  return id.data;
}

export async function erasurePageData(request: Request, actor: ErasureActor, rawUserId: string | undefined, municipalityId: string | null) {
  const userId = parseUserId(rawUserId);
  if (new URL(request.url).searchParams.get(DONE) === "1") {
    const erased = await findErased(userId, municipalityId);
    if (erased) return { done: erased.name, preview: null };
  }
  if (!(await findPerson(userId, municipalityId ? { municipalityId } : "all"))) throw notFound();
  const found = await erasurePreview(actor, userId, municipalityId);
  if (!found) throw notFound();
  const preview: ErasurePreview = {
    name: found.name,
    pseudonym: pseudonymName(userId, t.personalData.pseudonym),
    memberships: found.memberships,
    openActions: found.openActions,
    kept: found.kept,
    refusal: found.refusal,
  };
  return { done: null, preview };
}

export async function erasePageAction(request: Request, actor: ErasureActor, rawUserId: string | undefined, municipalityId: string | null) {
  const userId = parseUserId(rawUserId);
  const parsed = parseForm(erasePersonSchema, await request.formData());
  if (!parsed.ok) return data<ErasureResult>({ errors: parsed.errors }, { status: 400 });
  if (municipalityId && !(await findPerson(userId, { municipalityId }))) throw notFound();
  const outcome = await erasePersonAs(actor, userId, municipalityId);
  if (!outcome) throw notFound();
  if (!outcome.ok) return data<ErasureResult>({ refusal: outcome.refusal, openActions: outcome.openActions }, { status: 409 });
  const url = new URL(request.url);
  return redirect(`${url.pathname}?${DONE}=1`);
}
