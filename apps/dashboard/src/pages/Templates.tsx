import type { EmailTemplate, EmailTemplateList, ProjectSettings, RuleList } from '@bindery/contracts';
import { useProjectGet } from '../api/hooks';
import { DataState } from '../components/DataState';
import { PageHeader } from '../components/Layout';
import { EditorNotFound, Notice } from '../components/Notice';
import { useEditorRoute } from '../components/use-editor-route';
import { TemplateEditor } from './templates/TemplateEditor';
import { TemplateList } from './templates/TemplateList';
import './editors.css';

/** Email templates: the list, and the editor with its live preview (`?edit=<id>|new`). */
export function Templates() {
  const { editing, notice, open, closeWith } = useEditorRoute();
  const templates = useProjectGet<EmailTemplateList>('email-templates');
  const rules = useProjectGet<RuleList>('rules');
  const settings = useProjectGet<ProjectSettings>('settings', {}, { retry: false });
  const saved = (template: EmailTemplate) => closeWith(`Saved “${template.name}”.`);

  return (
    <>
      <PageHeader title="Email templates">
        <button type="button" className="primary" onClick={() => open('new')}>
          New template
        </button>
      </PageHeader>
      <div className="stack">
        <Notice text={notice} />
        {settings.data && !settings.data.brand?.postalAddress && (
          <p className="card" role="note">
            The emails’ footer has no postal address: anti-spam laws such as CAN-SPAM ask for one. Set{' '}
            <code>brand.postalAddress</code> in the project’s settings (see docs/emails.md).
          </p>
        )}
        {editing ? (
          <DataState query={templates} label="the template" minHeight={640}>
            {(t) => {
              const template = editing === 'new' ? undefined : t.templates.find((x) => x.id === editing);
              if (editing !== 'new' && !template)
                return <EditorNotFound what="template" onBack={() => open(null)} />;
              return (
                <TemplateEditor
                  key={editing}
                  template={template}
                  rules={rules.data?.rules ?? []}
                  onSaved={saved}
                  onCancel={() => open(null)}
                />
              );
            }}
          </DataState>
        ) : (
          <DataState
            query={templates}
            label="email templates"
            minHeight={200}
            isEmpty={(d) => d.templates.length === 0}
            empty="No email template yet. Rules with an email action send one by its name: create it here."
          >
            {(d) => <TemplateList templates={d.templates} rules={rules.data?.rules ?? []} />}
          </DataState>
        )}
      </div>
    </>
  );
}
