import { type FormEvent, useId, useState } from 'react';
import type { BrandSettings, ProjectSettings, ResolvedProjectSettings } from '@bindery/contracts';
import { useProjectUpdate } from '../../api/hooks';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { BrandPreview, DEFAULT_BRAND_COLOR } from './BrandPreview';
import {
  BRAND_FIELDS,
  type BrandDraft,
  type BrandField,
  brandChanges,
  brandDraft,
  refusedField,
  withBrandChanges,
} from './settings-changes';

const LABELS: Record<BrandField, string> = {
  logoUrl: 'Logo URL',
  primaryColor: 'Brand colour',
  senderName: 'Sender name',
  senderAddress: 'Sender address',
  postalAddress: 'Postal address',
};

const REFUSABLE = BRAND_FIELDS.map((f) => `brand.${f}` as const);

/**
 * How training and feedback emails look and whom they come from. Owners and admins change it; a save sends
 * the fields changed here over the latest settings, and the API's refusal shows beside the field it names.
 */
export function BrandSetting({ settings, manages }: { settings: ResolvedProjectSettings; manages: boolean }) {
  const headingId = useId();
  const [base, setBase] = useState<BrandSettings>(settings.brand);
  const [draft, setDraft] = useState<BrandDraft>(() => brandDraft(settings.brand));
  const [saved, setSaved] = useState(false);
  const save = useProjectUpdate<ProjectSettings>('settings');
  const changes = brandChanges(base, draft);
  const changed = Object.keys(changes).length > 0;
  const refused = save.error ? refusedField(save.error.message, REFUSABLE) : undefined;

  function edit(field: BrandField, value: string) {
    setDraft({ ...draft, [field]: value });
    setSaved(false);
    save.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate((latest) => withBrandChanges(latest, changes), {
      onSuccess: (result) => {
        setBase(result.brand ?? {});
        setDraft(brandDraft(result.brand ?? {}));
        setSaved(true);
      },
    });
  }

  const errorOf = (field: BrandField) => (refused === `brand.${field}` ? save.error?.message : undefined);
  const pickable = /^#[0-9a-fA-F]{6}$/.test(draft.primaryColor.trim())
    ? draft.primaryColor.trim().toLowerCase()
    : DEFAULT_BRAND_COLOR;

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>Email brand</h2>
      <p className="muted">
        Every training and feedback email is framed in this brand: the logo, a rule and links in the brand
        colour, and a footer with the postal address and an unsubscribe link. Bindery’s own messages to your
        team keep MAIL_FROM and no brand.
      </p>
      <div className="brand-setting">
        <form onSubmit={submit} noValidate className="stack">
          <fieldset disabled={!manages} className="plain form-grid">
            <legend className="visually-hidden">Brand</legend>
            <Field
              label={LABELS.logoUrl}
              help="An https address of an image, shown 48 px high at the top of every email"
              error={errorOf('logoUrl')}
            >
              {(control) => (
                <input
                  {...control}
                  type="url"
                  placeholder={manages ? 'https://cdn.example.com/logo.png' : undefined}
                  value={draft.logoUrl}
                  onChange={(e) => edit('logoUrl', e.target.value)}
                />
              )}
            </Field>
            <Field
              label={LABELS.primaryColor}
              help={`#rrggbb; the header rule and links (default ${DEFAULT_BRAND_COLOR})`}
              error={errorOf('primaryColor')}
            >
              {(control) => (
                <div className="colour-input">
                  <input
                    {...control}
                    placeholder={manages ? DEFAULT_BRAND_COLOR : undefined}
                    spellCheck={false}
                    value={draft.primaryColor}
                    onChange={(e) => edit('primaryColor', e.target.value)}
                  />
                  <input
                    type="color"
                    aria-label="Pick the brand colour"
                    value={pickable}
                    onChange={(e) => edit('primaryColor', e.target.value)}
                  />
                </div>
              )}
            </Field>
            <Field
              label={LABELS.senderName}
              help="The From name (default: MAIL_FROM’s); no line breaks, quotes or < >"
              error={errorOf('senderName')}
            >
              {(control) => (
                <input
                  {...control}
                  maxLength={100}
                  value={draft.senderName}
                  onChange={(e) => edit('senderName', e.target.value)}
                />
              )}
            </Field>
            <Field
              label={LABELS.senderAddress}
              help="The From address (default: MAIL_FROM’s); your SMTP relay must be allowed to send for its domain"
              error={errorOf('senderAddress')}
            >
              {(control) => (
                <input
                  {...control}
                  type="email"
                  placeholder={manages ? 'training@example.com' : undefined}
                  value={draft.senderAddress}
                  onChange={(e) => edit('senderAddress', e.target.value)}
                />
              )}
            </Field>
            <Field
              label={LABELS.postalAddress}
              help="In every email’s footer, line breaks kept: anti-spam laws such as CAN-SPAM require one"
              error={errorOf('postalAddress')}
            >
              {(control) => (
                <textarea
                  {...control}
                  rows={4}
                  maxLength={500}
                  value={draft.postalAddress}
                  onChange={(e) => edit('postalAddress', e.target.value)}
                />
              )}
            </Field>
          </fieldset>
          {save.error && (
            <p className="error form-error" role="alert">
              {refused
                ? `Not saved: ${LABELS[refused.slice('brand.'.length) as BrandField]} was refused (see above).`
                : save.error.message}
            </p>
          )}
          {manages && (
            <div className="form-buttons">
              <button type="submit" className="primary" disabled={save.isPending || !changed}>
                {save.isPending ? 'Saving…' : 'Save brand'}
              </button>
              {changed && (
                <button
                  type="button"
                  onClick={() => {
                    setDraft(brandDraft(base));
                    save.reset();
                  }}
                >
                  Undo changes
                </button>
              )}
            </div>
          )}
          <Notice text={saved && !changed ? 'Saved: emails written from now on use this brand.' : null} />
        </form>
        <BrandPreview draft={draft} />
      </div>
    </section>
  );
}
